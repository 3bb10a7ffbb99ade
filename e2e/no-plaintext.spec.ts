/**
 * Nothing sensitive reaches disk in clear: after a recorded call, search the
 * raw IndexedDB and blob files of both Chromium profiles for the candidate's
 * name, the position and a WebM header. A third profile, where the same
 * strings are written in clear through IndexedDB, proves the search would see
 * them in this Chromium's storage format.
 */
import { rm } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/browser';
import { acceptConsent, createInterview, openWithVault, pressJoin } from './fixtures/interview';
import { closeProfiles, filesUnder, launchProfile, newProfileDir } from './fixtures/profile';

test.afterEach(closeProfiles);

const CANDIDATE_NAME = 'Quillon Marchetti-Oyelaran';
const POSITION = 'Senior Lighthouse Keeper';
/** The start of every MediaRecorder WebM: the EBML magic, then within a few bytes the doctype "webm". */
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const WEBM_DOCTYPE = Buffer.from('webm');
const STORAGE_FILES = /IndexedDB|blob_storage|WebStorage/;

function hasWebmHeader(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(EBML_MAGIC); at !== -1; at = bytes.indexOf(EBML_MAGIC, at + 1)) {
    if (bytes.subarray(at, at + 48).includes(WEBM_DOCTYPE)) return true;
  }
  return false;
}

async function scan(profile: string): Promise<{ files: number; found: string[] }> {
  const found: string[] = [];
  let files = 0;
  for await (const { path, bytes } of filesUnder(profile, STORAGE_FILES)) {
    files++;
    for (const text of [CANDIDATE_NAME, POSITION]) {
      if (bytes.includes(text) || bytes.includes(Buffer.from(text, 'utf16le'))) found.push(`"${text}" in ${path}`);
    }
    if (hasWebmHeader(bytes)) found.push(`WebM header in ${path}`);
  }
  return { files, found };
}

/** What an app storing in clear would leave: the name, the position and a recording, small and large. */
function storeInClear(page: Page): Promise<void> {
  return page.evaluate(
    async ([name, position]) => {
      const header = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]);
      const recording = new Uint8Array(300_000);
      recording.set(header);
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('in-clear', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('s');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const tx = request.result.transaction('s', 'readwrite', { durability: 'strict' });
          tx.objectStore('s').put({ name, position, header }, 'small');
          tx.objectStore('s').put(recording, 'large');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      });
    },
    [CANDIDATE_NAME, POSITION],
  );
}

test('the scan sees clear text in this Chromium’s IndexedDB files', async ({ server }) => {
  const profile = await newProfileDir();
  const browser = await launchProfile(profile);
  const page = await browser.context.newPage();
  await page.goto(server.url + '/');
  await storeInClear(page);
  await browser.close();
  const { files, found } = await scan(profile);
  expect(files).toBeGreaterThan(0);
  expect(found.some((f) => f.includes(CANDIDATE_NAME))).toBe(true);
  expect(found.some((f) => f.includes(POSITION))).toBe(true);
  expect(found.some((f) => f.startsWith('WebM header'))).toBe(true);
  await rm(profile, { recursive: true, force: true });
});

test('no name, position or WebM header in the raw IndexedDB and blob files of either side', async ({ server }) => {
  const profiles = { interviewer: await newProfileDir(), candidate: await newProfileDir() };
  const interviewer = await launchProfile(profiles.interviewer);
  const candidate = await launchProfile(profiles.candidate);
  const interviewerPage = await interviewer.context.newPage();
  const candidatePage = await candidate.context.newPage();

  const { candidateLink } = await createInterview(interviewerPage, CANDIDATE_NAME, POSITION, server.url);
  await openWithVault(candidatePage, candidateLink);
  await pressJoin(candidatePage);
  await acceptConsent(candidatePage);
  await expect(candidatePage.getByText(`Interview for ${POSITION}`)).toBeVisible();
  for (const page of [interviewerPage, candidatePage]) {
    await expect(page.getByRole('status', { name: 'Recording' })).toContainText(/· ([5-9]|\d{2,}) seconds saved/, { timeout: 30_000 });
  }
  await interviewerPage.getByRole('link', { name: 'Interviews' }).click();
  await expect(interviewerPage.getByRole('cell', { name: CANDIDATE_NAME })).toBeVisible();
  await interviewer.close();
  await candidate.close();

  for (const [side, profile] of Object.entries(profiles)) {
    const { files, found } = await scan(profile);
    expect(files, `${side}: storage files found`).toBeGreaterThan(0);
    expect(found, side).toEqual([]);
    await rm(profile, { recursive: true, force: true });
  }
});
