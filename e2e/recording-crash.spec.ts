/**
 * A recording survives a crashed browser: kill Chromium (SIGKILL to the whole
 * process group) in the middle of an interview, start it again on the same
 * profile, unlock, and play what was recorded.
 */
import { rm } from 'node:fs/promises';
import { expect, test } from './fixtures/browser';
import { acceptConsent, createInterview, openWithVault, pressJoin } from './fixtures/interview';
import { playerDuration, seekTo } from './fixtures/playback';
import { closeProfiles, launchProfile, newProfileDir } from './fixtures/profile';

test.afterEach(closeProfiles);

interface RecorderClock {
  recorderStartedAt?: number;
}

test('after a hard kill mid-recording, the recording plays and is at most 2 s short', async ({ server }) => {
  // The interviewer in a browser of its own too: two browsers, as in the other call tests.
  const interviewerProfile = await newProfileDir();
  const interviewer = await launchProfile(interviewerProfile);
  const interviewerPage = await interviewer.context.newPage();
  const { candidateLink } = await createInterview(interviewerPage, 'Crash Candidate', 'Tester', server.url);

  const profile = await newProfileDir();
  const first = await launchProfile(profile);
  // The time recorded is measured from the recorder's own 'start' event (recording has begun; the
  // start() call comes 0.5–0.9 s earlier), not from when the indicator shows.
  await first.context.addInitScript(() => {
    const start = MediaRecorder.prototype.start;
    MediaRecorder.prototype.start = function (this: MediaRecorder, ...args: Parameters<MediaRecorder['start']>) {
      this.addEventListener('start', () => ((window as unknown as RecorderClock).recorderStartedAt ??= performance.now()), { once: true });
      return start.apply(this, args);
    };
  });
  const page = await first.context.newPage();
  await openWithVault(page, candidateLink);
  await pressJoin(page);
  await acceptConsent(page);
  const recording = page.getByRole('status', { name: 'Recording' });
  await expect(recording).toBeVisible();
  await expect(recording).toContainText(/· (8|9|\d{2,}) seconds saved/, { timeout: 30_000 });
  await page.waitForTimeout(1500);
  const recordedSeconds = await page.evaluate(() => (performance.now() - (window as unknown as RecorderClock).recorderStartedAt!) / 1000);
  await first.kill();

  const second = await launchProfile(profile);
  const again = await second.context.newPage();
  await openWithVault(again, `${server.url}/interviews`);
  await again.getByRole('link', { name: 'Review' }).click();
  const track = again.getByRole('article').filter({ hasText: 'Your camera (candidate)' });
  await expect(track).toContainText('interrupted');
  const video = track.locator('video');
  const duration = await playerDuration(video);
  expect(duration).toBeGreaterThan(recordedSeconds - 2);
  expect(duration).toBeLessThan(recordedSeconds + 1);
  const { target, landed } = await seekTo(video, 0.5);
  expect(Math.abs(landed - target)).toBeLessThan(1);

  await second.close();
  await rm(profile, { recursive: true, force: true });
  await interviewer.close();
  await rm(interviewerProfile, { recursive: true, force: true });
});
