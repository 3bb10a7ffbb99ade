/**
 * Progressive delivery between two real browsers: the candidate's own
 * full-quality recording flows to the interviewer during the interview over a
 * data channel of the call, is checked and stored there, and after a reload
 * resumes from the first slice the interviewer lacks; what never got through
 * travels later as a file sealed for the interviewers.
 */
import type { Page } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import { expect, test } from './fixtures/browser';
import { chainOf, delivery, DELIVERED_TRACK, endInterview, expectEverythingDelivered } from './fixtures/delivery';
import { acceptConsent, createInterview, joinAndConsent, joinAsCandidate, openWithVault, passVaultGate, pressJoin, savedSeconds } from './fixtures/interview';
import { playerDuration } from './fixtures/playback';
import { closeProfiles, launchProfile, newProfileDir } from './fixtures/profile';

test.afterEach(closeProfiles);

type SentSlice = { trackId: string; seq: number };

/** Observes the slices the page sends on the delivery channel (the app's real channel, only watched). */
const watchDeliveredSlices = () => {
  const sent: SentSlice[] = [];
  (window as unknown as { __sentSlices: SentSlice[] }).__sentSlices = sent;
  const send = RTCDataChannel.prototype.send;
  RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: string | Blob | ArrayBuffer | ArrayBufferView) {
    if (this.label === 'delivery' && typeof data === 'string' && data.startsWith('{"type":"slice"')) {
      const { trackId, seq } = JSON.parse(data) as SentSlice;
      sent.push({ trackId, seq });
    }
    (send as (this: RTCDataChannel, data: unknown) => void).call(this, data);
  } as RTCDataChannel['send'];
};

const sentSlices = (page: Page) => page.evaluate(() => (window as unknown as { __sentSlices: SentSlice[] }).__sentSlices);

async function deliveredSeconds(page: Page): Promise<number> {
  const text = (await delivery(page).textContent()) ?? '';
  const match = /: (\d+) of/.exec(text);
  if (match === null) throw new Error(`no delivery figure in "${text}"`);
  return Number(match[1]);
}

test('the candidate’s own recording reaches the interviewer during the interview, whole and with the same hash chain', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Delivery Candidate', 'Courier');
  await joinAndConsent(candidate.page, candidateLink);

  await expect(delivery(interviewer.page)).toContainText(/received: ([4-9]|\d{2,}) of \d+ seconds/, { timeout: 30_000 });
  await expect(delivery(candidate.page)).toContainText(/Delivered to the interviewer: \d+ of \d+ seconds/);
  await endInterview(interviewer.page);

  await expectEverythingDelivered(candidate.page, interviewer.page);
  const original = await chainOf(candidate.page, 'Your camera (candidate)');
  const delivered = await chainOf(interviewer.page, DELIVERED_TRACK);
  expect(delivered).toBe(original);
});

/**
 * The candidate's side goes away mid-delivery (by `restart`, which returns the
 * candidate's page once it has joined again) while the interviewer is away
 * too, so a backlog waits; then the interviewer comes back. Delivery must go on
 * from the first slice the interviewer lacks, each missing slice once.
 */
async function expectDeliveryResumes(interviewer: Page, candidate: Page, candidateLink: string, restart: (candidate: Page) => Promise<Page>): Promise<void> {
  const interviewerUrl = interviewer.url();
  await joinAndConsent(candidate, candidateLink);
  await expect(delivery(candidate)).toContainText(/Delivered to the interviewer: ([3-9]|\d{2,}) of/, { timeout: 30_000 });

  // The interviewer steps away; the candidate goes on recording, so a backlog builds up.
  await interviewer.close();
  const savedWhenAway = await savedSeconds(candidate);
  await expect.poll(() => savedSeconds(candidate), { timeout: 20_000 }).toBeGreaterThanOrEqual(savedWhenAway + 4);
  const firstTrack = (await sentSlices(candidate))[0]!.trackId;
  const acknowledged = await deliveredSeconds(candidate);

  const restarted = await restart(candidate);
  const back = await interviewer.context().newPage();
  await openWithVault(back, interviewerUrl);
  // The interviewer's page starts its session afresh, so the candidate is asked again.
  await acceptConsent(restarted);
  await endInterview(back);
  await expectEverythingDelivered(restarted, back);

  const resent = (await sentSlices(restarted)).filter((slice) => slice.trackId === firstTrack).map((slice) => slice.seq);
  expect(acknowledged).toBeGreaterThan(0);
  expect(resent[0]).toBeGreaterThanOrEqual(acknowledged);
  // Every missing slice exactly once, in order, through the end of the track.
  expect(resent).toEqual(Array.from({ length: resent.length }, (_, i) => resent[0]! + i));
  expect(resent.at(-1)! + 1).toBeGreaterThanOrEqual(savedWhenAway + 4);
}

test('after a reload of the candidate page, delivery resumes from the first missing slice, not from zero', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  await candidate.context.addInitScript(watchDeliveredSlices);
  const { candidateLink } = await createInterview(interviewer.page, 'Reloading Candidate', 'Courier');
  await expectDeliveryResumes(interviewer.page, candidate.page, candidateLink, async (page) => {
    await page.reload();
    await passVaultGate(page);
    await pressJoin(page);
    return page;
  });
});

test('after the candidate closes the browser and reopens it on the same profile, delivery resumes from the first missing slice', async ({ newParticipant, server }) => {
  const interviewer = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Reopening Candidate', 'Courier', server.url);
  const profile = await newProfileDir();
  const first = await launchProfile(profile);
  await first.context.addInitScript(watchDeliveredSlices);
  await expectDeliveryResumes(interviewer.page, await first.context.newPage(), candidateLink, async () => {
    await first.close();
    const reopened = await launchProfile(profile);
    await reopened.context.addInitScript(watchDeliveredSlices);
    const page = await reopened.context.newPage();
    await joinAsCandidate(page, candidateLink);
    return page;
  });
  await closeProfiles();
  await rm(profile, { recursive: true, force: true });
});

test('days later, through the same link: the candidate’s device delivers the rest, camera off, to an interviewer waiting on the review page', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  await candidate.context.addInitScript(watchDeliveredSlices);
  const { candidateLink } = await createInterview(interviewer.page, 'Returning Candidate', 'Courier');
  const origin = new URL(interviewer.page.url()).origin;
  await joinAndConsent(candidate.page, candidateLink);
  await expect(delivery(candidate.page)).toContainText(/Delivered to the interviewer: ([3-9]|\d{2,}) of/, { timeout: 30_000 });

  // The interviewer's laptop dies; the candidate records on, then closes the laptop with part of it undelivered.
  await interviewer.page.close();
  const savedWhenAlone = await savedSeconds(candidate.page);
  await expect.poll(() => savedSeconds(candidate.page), { timeout: 20_000 }).toBeGreaterThanOrEqual(savedWhenAlone + 4);
  const firstTrack = (await sentSlices(candidate.page))[0]!.trackId;
  const acknowledged = await deliveredSeconds(candidate.page);
  await candidate.page.close();

  // Later the interviewer waits on the review page, and the candidate opens the same link on the same device.
  const review = await interviewer.context.newPage();
  await openWithVault(review, `${origin}/interviews`);
  await review.getByRole('link', { name: 'Review' }).click();
  await review.getByRole('button', { name: 'Wait for the candidate’s device' }).click();
  await expect(review.getByRole('status').filter({ hasText: 'Waiting for the candidate’s device…' })).toBeVisible();
  // Three days on by the candidate's clock, the schedule in the link says the interview is over.
  await candidate.context.clock.install({ time: Date.now() + 3 * 24 * 3600_000 });
  const back = await candidate.context.newPage();
  await openWithVault(back, candidateLink);
  await expect(back.getByText('This interview is over.')).toBeVisible();
  await expectEverythingDelivered(back, review);
  // Only delivery: the camera never opened.
  expect(await back.locator('video').count()).toBe(0);

  const resent = (await sentSlices(back)).filter((slice) => slice.trackId === firstTrack).map((slice) => slice.seq);
  expect(acknowledged).toBeGreaterThan(0);
  expect(resent[0]).toBeGreaterThanOrEqual(acknowledged);
  expect(resent).toEqual(Array.from({ length: resent.length }, (_, i) => resent[0]! + i));
  expect(resent.at(-1)! + 1).toBeGreaterThanOrEqual(savedWhenAlone + 4);
  // The page shows what arrived: the whole track (cut short when the laptop closed), with the candidate's hash chain.
  const deliveredTrack = review.getByRole('article').filter({ hasText: DELIVERED_TRACK }).first();
  expect(await playerDuration(deliveredTrack.locator('video'))).toBeGreaterThan(savedWhenAlone + 2);
  const delivered = /Hash chain ([0-9a-f]{16})…/.exec((await deliveredTrack.textContent()) ?? '')?.[1];
  expect(delivered).toBe(await chainOf(back, 'Your camera (candidate)', 'interrupted'));
});

/** Holds the delivery channel's frames back in this tab until `sessionStorage.deliver` is set: a backlog on a link that works. */
const holdDeliveryBack = () => {
  if (sessionStorage.getItem('deliver') !== null) return;
  const send = RTCDataChannel.prototype.send;
  RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: string | Blob | ArrayBuffer | ArrayBufferView) {
    if (this.label !== 'delivery') (send as (this: RTCDataChannel, data: unknown) => void).call(this, data);
  } as RTCDataChannel['send'];
};

test('after the interview ended, a reloaded candidate page only delivers the rest: camera off, admitted by the interviewer’s page, nothing joins the interview again', async ({ newParticipant }) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  await candidate.context.addInitScript(holdDeliveryBack);
  const { candidateLink } = await createInterview(interviewer.page, 'Late Courier', 'Courier');
  await joinAndConsent(candidate.page, candidateLink);
  await expect.poll(() => savedSeconds(candidate.page), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await endInterview(interviewer.page);
  await expect(candidate.page.getByRole('status', { name: 'Recording' })).toHaveCount(0);
  await expect(delivery(candidate.page)).toContainText(/Delivered to the interviewer: 0 of \d+ seconds/);
  const joins = await interviewer.page.getByText('Candidate joined').count();
  expect(joins).toBeGreaterThan(0);

  await candidate.page.evaluate(() => sessionStorage.setItem('deliver', 'yes'));
  await candidate.page.reload();
  await passVaultGate(candidate.page);
  await expect(candidate.page.getByText('This interview is over.')).toBeVisible();
  await expectEverythingDelivered(candidate.page, interviewer.page);
  expect(await candidate.page.locator('video').count()).toBe(0);
  await expect(interviewer.page.getByText('Candidate joined')).toHaveCount(joins);
  await expect(interviewer.page.getByRole('status', { name: 'Recording' })).toHaveCount(0);
});

test('deliver later: a file sealed for the interviewers carries what the link could not, a tampered file is refused, a second import adds nothing', async ({
  newParticipant,
}) => {
  const interviewer = await newParticipant();
  const candidate = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Offline Candidate', 'Courier');
  const interviewerUrl = interviewer.page.url();
  await joinAndConsent(candidate.page, candidateLink);
  await expect(delivery(candidate.page)).toContainText(/Delivered to the interviewer: ([2-9]|\d{2,}) of/, { timeout: 30_000 });

  // The interviewer's side goes for good; the candidate records on, then closes the laptop (a reload), part of it undelivered.
  // Back in, the consent still stands and a second track starts; the file carries what the first one lacks.
  await interviewer.page.close();
  const savedWhenAlone = await savedSeconds(candidate.page);
  await expect.poll(() => savedSeconds(candidate.page), { timeout: 20_000 }).toBeGreaterThanOrEqual(savedWhenAlone + 3);
  await candidate.page.reload();
  await passVaultGate(candidate.page);
  await pressJoin(candidate.page);
  await expect(delivery(candidate.page)).toContainText(/Delivered to the interviewer: \d+ of \d+ seconds/);
  const downloading = candidate.page.waitForEvent('download');
  await candidate.page.getByRole('button', { name: 'Export delivery file' }).click();
  const file = await (await downloading).path();
  expect(file).not.toBeNull();
  const sealed = await readFile(file!);
  // Sealed: nothing of the recording or the interview shows in clear.
  expect(sealed.includes(Buffer.from('webm'))).toBe(false);
  expect(sealed.includes(Buffer.from('Offline Candidate'))).toBe(false);

  const back = await interviewer.context.newPage();
  await openWithVault(back, `${new URL(interviewerUrl).origin}/interviews`);
  await back.getByRole('link', { name: 'Review' }).click();
  const importer = back.getByLabel('Delivery file', { exact: true });

  const tampered = Buffer.from(sealed);
  tampered.writeUInt8(tampered.readUInt8(tampered.length - 100) ^ 0x01, tampered.length - 100);
  await importer.setInputFiles({ name: 'tampered.candid-delivery', mimeType: 'application/octet-stream', buffer: tampered });
  await expect(back.getByRole('alert')).toHaveText('This delivery file is damaged or was altered; nothing was imported.');
  const partial = await back.getByRole('article').filter({ hasText: DELIVERED_TRACK }).first().textContent();

  await importer.setInputFiles({ name: 'delivery.candid-delivery', mimeType: 'application/octet-stream', buffer: sealed });
  await expect(back.getByRole('status').filter({ hasText: 'Delivery file imported' })).toContainText(/: \d+ new seconds/);
  const deliveredTrack = back.getByRole('article').filter({ hasText: DELIVERED_TRACK }).first();
  await expect(deliveredTrack).not.toHaveText(partial ?? '');
  await importer.setInputFiles({ name: 'delivery.candid-delivery', mimeType: 'application/octet-stream', buffer: sealed });
  await expect(back.getByRole('status').filter({ hasText: 'Delivery file checked' })).toHaveText('Delivery file checked: everything in it was here already.');

  const delivered = /Hash chain ([0-9a-f]{16})…/.exec((await deliveredTrack.textContent()) ?? '')?.[1];
  expect(await playerDuration(deliveredTrack.locator('video'))).toBeGreaterThan(savedWhenAlone + 2);
  expect(delivered).toBe(await chainOf(candidate.page, 'Your camera (candidate)', 'interrupted'));
});
