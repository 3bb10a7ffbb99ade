import { expect, test } from './fixtures/browser';
import { createInterview, joinAndConsent } from './fixtures/interview';
import { playerDuration, seekTo } from './fixtures/playback';

test('both sides record; the review page plays each track with its duration and seeking', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Tomasz Eriksen', 'Geologist');
  await joinAndConsent(candidate.page, candidateLink);
  for (const page of [interviewer.page, candidate.page]) {
    await expect(page.getByRole('status', { name: 'Recording' })).toContainText(/· ([6-9]|\d{2,}) seconds saved/, { timeout: 30_000 });
  }

  await interviewer.page.getByRole('link', { name: 'Interviews' }).click();
  await expect(interviewer.page.getByRole('cell', { name: 'Tomasz Eriksen' })).toBeVisible();
  await interviewer.page.getByRole('link', { name: 'Review' }).click();
  await expect(interviewer.page.getByRole('heading', { name: 'Interview with Tomasz Eriksen' })).toBeVisible();
  for (const title of ['Interviewer camera', 'Candidate camera, as received']) {
    const track = interviewer.page.getByRole('article').filter({ hasText: title });
    await expect(track).toContainText('complete');
    const video = track.locator('video');
    expect(await playerDuration(video)).toBeGreaterThan(4);
    const { target, landed } = await seekTo(video, 0.6);
    expect(Math.abs(landed - target)).toBeLessThan(1);
  }

  await candidate.page.getByRole('link', { name: 'Interviews' }).click();
  await candidate.page.getByRole('link', { name: 'Review' }).click();
  const own = candidate.page.getByRole('article').filter({ hasText: 'Your camera (candidate)' });
  expect(await playerDuration(own.locator('video'))).toBeGreaterThan(4);
});

test('the mock interview records five seconds, plays them back and leaves nothing behind', async ({ newParticipant }) => {
  const { page } = await newParticipant();
  await createInterview(page, 'Only Real', 'Interview');
  await page.getByRole('link', { name: 'Mock interview' }).click();
  await page.getByRole('button', { name: 'Record 5 seconds' }).click();
  await expect(page.getByRole('progressbar', { name: 'Recording progress' })).toBeVisible();
  await expect(page.getByText('Recording and storage work on this device.')).toBeVisible({ timeout: 30_000 });
  const duration = await playerDuration(page.getByLabel('Mock recording'));
  expect(duration).toBeGreaterThan(4);
  expect(duration).toBeLessThan(7);
  await page.getByRole('link', { name: 'Interviews' }).click();
  await expect(page.getByRole('row')).toHaveCount(2);
});
