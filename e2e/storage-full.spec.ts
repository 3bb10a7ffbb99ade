/**
 * When the disk fills mid-interview, recording stops cleanly with a visible
 * message and everything saved before plays. The origin's quota is forced
 * small through the DevTools protocol, as a full disk would.
 */
import { expect, test } from './fixtures/browser';
import { createInterview, joinAndConsent } from './fixtures/interview';
import { playerDuration, seekTo } from './fixtures/playback';

test('a quota error stops recording cleanly and keeps every saved slice playable', async ({ newParticipant, server }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Full Disk', 'Archivist');
  await joinAndConsent(candidate.page, candidateLink);
  const recording = candidate.page.getByRole('status', { name: 'Recording' });
  await expect(recording).toContainText(/· ([3-9]|\d{2,}) seconds saved/);

  // A few more seconds fit (the fake camera's picture compresses to about 50 KB/s).
  const cdp = await candidate.context.newCDPSession(candidate.page);
  const origin = new URL(server.url).origin;
  const { usage } = (await cdp.send('Storage.getUsageAndQuota', { origin })) as { usage: number };
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: Math.round(usage + 200_000) });

  await expect(candidate.page.getByText('Recording stopped: this device has run out of storage. Everything recorded until now is saved.')).toBeVisible({
    timeout: 30_000,
  });
  // The call itself goes on.
  await expect(candidate.page.getByTestId('remote-interviewer')).toBeVisible();

  await candidate.page.getByRole('link', { name: 'Interviews' }).click();
  await candidate.page.getByRole('link', { name: 'Review' }).click();
  const track = candidate.page.getByRole('article').filter({ hasText: 'Your camera (candidate)' });
  // With the disk full even the track's closing note cannot be written: it reads as interrupted.
  await expect(track).toContainText('interrupted');
  const video = track.locator('video');
  expect(await playerDuration(video)).toBeGreaterThan(2);
  const { target, landed } = await seekTo(video, 0.5);
  expect(Math.abs(landed - target)).toBeLessThan(1);
});
