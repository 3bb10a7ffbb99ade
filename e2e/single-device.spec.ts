import { rm } from 'node:fs/promises';
import { expect, test } from './fixtures/browser';
import { createInterview, joinAsCandidate, openWithVault, passVaultGate, pressJoin } from './fixtures/interview';
import { inboundMedia } from './fixtures/media';
import { closeProfiles, launchProfile, newProfileDir } from './fixtures/profile';

test.afterEach(closeProfiles);

const REFUSAL = 'This interview is already open on another device';

test('a second device on the candidate link is refused while the first is connected; a reload is not', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const first = await newParticipant();
  const second = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Lin', 'Designer');

  await joinAsCandidate(first.page, candidateLink);
  await expect.poll(async () => (await inboundMedia(interviewer.page)).framesDecoded).toBeGreaterThan(10);

  await joinAsCandidate(second.page, candidateLink);
  await expect(second.page.getByRole('heading', { name: REFUSAL })).toBeVisible();
  await expect(interviewer.page.getByTestId('remote-candidate')).toHaveCount(1);

  // The first device reloads: the same tab keeps its seat and reconnects.
  await first.page.reload();
  await passVaultGate(first.page);
  await pressJoin(first.page);
  await expect(first.page.getByRole('heading', { name: REFUSAL })).toBeHidden();
  await expect(first.page.getByTestId('remote-interviewer')).toBeVisible();
  await expect.poll(async () => (await inboundMedia(first.page)).framesDecoded).toBeGreaterThan(10);
  await expect(interviewer.page.getByTestId('remote-candidate')).toHaveCount(1);
});

test('before the interviewer arrives, the device that joined first keeps the seat', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const first = await newParticipant();
  const second = await newParticipant();
  const { candidateLink, coInterviewerLink } = await createInterview(interviewer.page, 'Kim', 'Writer');
  // The interviewer leaves, so only candidates are in the room.
  await interviewer.page.goto('about:blank');

  await joinAsCandidate(first.page, candidateLink);
  await expect(first.page.getByText('Waiting for the interviewer…')).toBeVisible();
  await joinAsCandidate(second.page, candidateLink);
  await expect(second.page.getByRole('heading', { name: REFUSAL })).toBeVisible();

  await openWithVault(interviewer.page, coInterviewerLink);
  await expect(interviewer.page.getByTestId('remote-candidate')).toHaveCount(1);
  await expect.poll(async () => (await inboundMedia(first.page)).framesDecoded).toBeGreaterThan(10);
});

test('a candidate browser that crashed takes its seat back at once on the same profile, while another device is still refused', async ({ newParticipant, server }) => {
  const interviewer = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Mara', 'Welder', server.url);
  const profile = await newProfileDir();
  const first = await launchProfile(profile);
  await joinAsCandidate(await first.context.newPage(), candidateLink);
  const candidateFrames = async () => (await inboundMedia(interviewer.page)).framesDecoded;
  await expect.poll(candidateFrames).toBeGreaterThan(10);

  // No goodbye: to the interviewer the seat is still taken by a device that will never answer.
  await first.kill();
  const second = await launchProfile(profile);
  const again = await second.context.newPage();
  await joinAsCandidate(again, candidateLink);
  // Its device key, pinned at first contact, signs the new join: the seat is its own.
  await expect(again.getByTestId('remote-interviewer')).toBeVisible();
  await expect(again.getByRole('heading', { name: REFUSAL })).toHaveCount(0);
  await expect(interviewer.page.getByTestId('remote-candidate')).toHaveCount(1);
  const framesBack = await candidateFrames();
  await expect.poll(candidateFrames).toBeGreaterThan(framesBack + 10);

  // Another browser with the same link has no such key.
  const other = await newParticipant();
  await joinAsCandidate(other.page, candidateLink);
  await expect(other.page.getByRole('heading', { name: REFUSAL })).toBeVisible();
  await expect(again.getByTestId('remote-interviewer')).toBeVisible();

  await second.close();
  await rm(profile, { recursive: true, force: true });
});
