import { expect, test } from './fixtures/browser';
import { createInterview, joinAsCandidate, openWithVault, passVaultGate, pressJoin } from './fixtures/interview';
import { inboundMedia } from './fixtures/media';

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
