import { expect, test } from './fixtures/browser';
import { createInterview, joinAsCandidate, openWithVault } from './fixtures/interview';
import { inboundMedia, videoBrightness } from './fixtures/media';

const CANDIDATE_NAME = 'Zhang Wei-Lindqvist';
const POSITION = 'Staff Quantum Plumber';

test('interviewer and candidate see and hear each other through our signaling server', async ({ newParticipant }) => {
  const interviewer = await newParticipant({ permissions: ['clipboard-read', 'clipboard-write'] });
  const candidate = await newParticipant();

  const { candidateLink } = await createInterview(interviewer.page, CANDIDATE_NAME, POSITION);
  await expect(interviewer.page.getByRole('heading', { name: `Interview with ${CANDIDATE_NAME}` })).toBeVisible();
  await interviewer.page.getByRole('button', { name: 'Copy candidate link' }).click();
  await expect(interviewer.page.getByText('Copied')).toBeVisible();
  expect(await interviewer.page.evaluate(() => navigator.clipboard.readText())).toBe(candidateLink);
  await expect(interviewer.page.getByText('Waiting for the candidate to join…')).toBeVisible();

  await joinAsCandidate(candidate.page, candidateLink);
  // The position reached the candidate through the encrypted channel.
  await expect(candidate.page.getByText(`Interview for ${POSITION}`)).toBeVisible();
  await expect(interviewer.page.getByText('Waiting for the candidate to join…')).toBeHidden();

  // Real media on both sides: decoded frames and received audio, growing.
  for (const side of [interviewer.page, candidate.page]) {
    await expect.poll(async () => (await inboundMedia(side)).framesDecoded).toBeGreaterThan(10);
    const before = await inboundMedia(side);
    await expect.poll(async () => (await inboundMedia(side)).framesDecoded).toBeGreaterThan(before.framesDecoded + 10);
    await expect.poll(async () => (await inboundMedia(side)).audioEnergy).toBeGreaterThan(before.audioEnergy);
    await expect.poll(async () => (await inboundMedia(side)).audioSamples).toBeGreaterThan(before.audioSamples);
  }

  // The quality indicator shows measured figures on both sides.
  for (const side of [interviewer.page, candidate.page]) {
    await expect(side.getByRole('status', { name: 'Connection quality' })).toContainText(/RTT \d+ ms · loss \d+\.\d %/);
  }
});

test('mute and camera off reach the other side on both ends', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Ada', 'Engineer');
  await joinAsCandidate(candidate.page, candidateLink);
  await expect.poll(async () => (await inboundMedia(interviewer.page)).framesDecoded).toBeGreaterThan(10);
  await expect.poll(async () => (await inboundMedia(candidate.page)).framesDecoded).toBeGreaterThan(10);

  for (const [actor, observer, tile] of [
    [candidate.page, interviewer.page, 'remote-candidate'],
    [interviewer.page, candidate.page, 'remote-interviewer'],
  ] as const) {
    const mute = actor.getByRole('button', { name: 'Mute' });
    await mute.click();
    await expect(mute).toHaveAttribute('aria-pressed', 'true');
    await expect(observer.getByTestId(tile).getByText('Microphone off')).toBeVisible();
    // Silence arrives: the received audio energy stops growing.
    await observer.waitForTimeout(600);
    const silentFrom = (await inboundMedia(observer)).audioEnergy;
    await observer.waitForTimeout(1500);
    expect((await inboundMedia(observer)).audioEnergy - silentFrom).toBeLessThan(0.001);
    await mute.click();
    await expect(mute).toHaveAttribute('aria-pressed', 'false');
    await expect(observer.getByTestId(tile).getByText('Microphone off')).toBeHidden();
    await expect.poll(async () => (await inboundMedia(observer)).audioEnergy - silentFrom).toBeGreaterThan(0.001);

    expect(await videoBrightness(observer, tile)).toBeGreaterThan(20);
    const camera = actor.getByRole('button', { name: 'Camera off' });
    await camera.click();
    await expect(camera).toHaveAttribute('aria-pressed', 'true');
    await expect(observer.getByTestId(tile).getByText('Camera off')).toBeVisible();
    await expect.poll(() => videoBrightness(observer, tile)).toBeLessThan(5);
    await camera.click();
    await expect.poll(() => videoBrightness(observer, tile)).toBeGreaterThan(20);
  }
});

test('a co-interviewer link joins the same call as a second interviewer', async ({ newParticipant }) => {
  const owner = await newParticipant();
  const candidate = await newParticipant();
  const colleague = await newParticipant();
  const { candidateLink, coInterviewerLink } = await createInterview(owner.page, 'Grace', 'Analyst');
  await joinAsCandidate(candidate.page, candidateLink);
  await openWithVault(colleague.page, coInterviewerLink);

  // The colleague learns the interview details from the owner, over the encrypted data channel.
  await expect(colleague.page.getByRole('heading', { name: 'Interview with Grace' })).toBeVisible();
  await expect(colleague.page.getByTestId('remote-candidate')).toBeVisible();
  await expect(colleague.page.getByTestId('remote-interviewer')).toBeVisible();
  await expect(candidate.page.getByTestId('remote-interviewer')).toHaveCount(2);
  await expect.poll(async () => (await inboundMedia(colleague.page)).framesDecoded).toBeGreaterThan(20);
});
