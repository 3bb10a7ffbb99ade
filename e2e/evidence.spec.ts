/**
 * Evidence bundles in the real app: export from the review page (by download,
 * and through a save-file handle), check the file with unzip, sha256sum and
 * signify as a third party would, and verify good and damaged bundles on the
 * in-app Verify page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { tamperings } from '../tests/evidence/tamperings';
import { expect, test } from './fixtures/browser';
import { createInterview, joinAndConsent } from './fixtures/interview';

const CANDIDATE = 'Ines Okonkwo-Laurent';
const POSITION = 'Forensic Accountant';

/** Records a short interview and opens the interviewer's review page for it. */
async function recordedInterview(newParticipant: Parameters<Parameters<typeof test>[2]>[0]['newParticipant']): Promise<Page> {
  const interviewer = await newParticipant({ acceptDownloads: true });
  const candidate = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, CANDIDATE, POSITION);
  await joinAndConsent(candidate.page, candidateLink);
  await expect(interviewer.page.getByRole('status', { name: 'Recording' })).toContainText(/· ([4-9]|\d{2,}) seconds saved/, { timeout: 30_000 });
  await candidate.context.close();
  await interviewer.page.getByRole('link', { name: 'Interviews' }).click();
  await interviewer.page.getByRole('link', { name: 'Review' }).click();
  await expect(interviewer.page.getByRole('heading', { name: `Interview with ${CANDIDATE}` })).toBeVisible();
  return interviewer.page;
}

async function exportByDownload(page: Page, password = ''): Promise<string> {
  if (password) await page.getByLabel('Bundle password (optional)').fill(password);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export evidence bundle' }).click();
  const file = join(await mkdtemp(join(tmpdir(), 'candid-export-')), (await download).suggestedFilename());
  await (await download).saveAs(file);
  await expect(page.getByText(/^Saved candid-.*\.zip\.$/)).toBeVisible();
  return file;
}

async function verifyInPage(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByLabel('Bundle file').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
}

test('an exported bundle passes unzip, sha256sum and signify, and the Verify page and CLI agree', async ({ newParticipant }) => {
  const page = await recordedInterview(newParticipant);
  // No File System Access here: the bundle goes through the browser's download manager.
  await page.evaluate(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  const file = await exportByDownload(page);

  const dir = await mkdtemp(join(tmpdir(), 'candid-bag-'));
  expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
  execFileSync('unzip', ['-q', file, '-d', dir]);
  const [bag] = await readdir(dir);
  const bagDir = join(dir, bag!);
  const sums = execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bagDir, encoding: 'utf8' });
  expect(sums).toMatch(/\d{2}-self-interviewer\.webm: OK/);
  expect(sums).toMatch(/\d{2}-remote-candidate\.webm: OK/);
  expect(execFileSync('signify-openbsd', ['-V', '-p', 'candid-signer.pub', '-x', 'tagmanifest-sha256.txt.sig', '-m', 'tagmanifest-sha256.txt'], { cwd: bagDir, encoding: 'utf8' })).toContain(
    'Signature Verified',
  );
  const bagInfo = await readFile(join(bagDir, 'bag-info.txt'), 'utf8');
  expect(bagInfo).toContain(`Candid-Candidate: ${CANDIDATE}`);
  const audit = await readFile(join(bagDir, 'data/audit.jsonl'), 'utf8');
  expect(audit.trim().split('\n').map((line) => (JSON.parse(line) as { action: string }).action)).toEqual(['unlock', 'view', 'export']);

  const cli = execFileSync('npx', ['tsx', 'src/cli/verify.ts', file], { encoding: 'utf8' });
  expect(cli).toMatch(/^VALID: signed by ([A-Za-z0-9_-]{22})/);
  const signer = /^VALID: signed by ([A-Za-z0-9_-]{22})/.exec(cli)![1]!;

  await page.getByRole('link', { name: 'Verify bundle' }).click();
  await verifyInPage(page, 'bundle.zip', await readFile(file));
  await expect(page.getByRole('heading', { name: 'Valid: complete, unaltered and signed' })).toBeVisible();
  await expect(page.getByText(`Signed by the key with fingerprint ${signer}.`)).toBeVisible();
  await expect(page.getByText(`Candidate: ${CANDIDATE}; position: ${POSITION}`)).toBeVisible();
});

test('the Verify page names what is wrong with every kind of damaged bundle', async ({ newParticipant }) => {
  const page = await recordedInterview(newParticipant);
  await page.evaluate(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  const bytes = new Uint8Array(await readFile(await exportByDownload(page)));
  await page.getByRole('link', { name: 'Verify bundle' }).click();
  for (const tampering of tamperings(bytes)) {
    await verifyInPage(page, `${tampering.name}.zip`, await tampering.make());
    const verdict = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Not valid' }) });
    await expect(verdict, tampering.name).toBeVisible();
    await expect(verdict.getByRole('listitem').filter({ hasText: tampering.expected }), tampering.name).not.toHaveCount(0);
  }
});

test('a password-protected bundle asks for its password on the Verify page', async ({ newParticipant }) => {
  const page = await recordedInterview(newParticipant);
  await page.evaluate(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  const bytes = await readFile(await exportByDownload(page, 'a long bundle password'));
  expect(bytes.includes(Buffer.from(CANDIDATE))).toBe(false);
  await page.getByRole('link', { name: 'Verify bundle' }).click();
  await verifyInPage(page, 'locked.zip', bytes);
  await page.getByLabel('Bundle password').fill('not the password');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('Wrong password.')).toBeVisible();
  await page.getByLabel('Bundle password').fill('a long bundle password');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('heading', { name: 'Valid: complete, unaltered and signed' })).toBeVisible();
});

test('export writes through a save-file handle with progress, and cancel keeps nothing', async ({ newParticipant }) => {
  const page = await recordedInterview(newParticipant);
  // The save dialog cannot be clicked in a headless test: stand in for the user's choice with a
  // private-file-system file, whose writes are slowed like a slow disk so the export can be watched and cancelled.
  await page.evaluate(() => {
    Object.assign(window, {
      showSaveFilePicker: async ({ suggestedName }: { suggestedName: string }) => {
        const directory = await navigator.storage.getDirectory();
        const handle = await directory.getFileHandle(suggestedName, { create: true });
        const slow = Number(sessionStorage.getItem('slowDisk') ?? '0');
        return {
          remove: () => directory.removeEntry(suggestedName),
          createWritable: async () => {
            const file = await handle.createWritable();
            const writer = file.getWriter();
            return new WritableStream({
              write: async (chunk) => {
                await new Promise((resolve) => setTimeout(resolve, slow));
                await writer.write(chunk);
              },
              close: () => writer.close(),
              abort: (reason) => writer.abort(reason),
            });
          },
        };
      },
    });
  });
  await page.getByRole('button', { name: 'Export evidence bundle' }).click();
  await expect(page.getByText(/^Saved candid-.*\.zip\.$/)).toBeVisible();
  const saved = await page.evaluate(async () => {
    const directory = await navigator.storage.getDirectory();
    const names: string[] = [];
    for await (const name of (directory as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    const file = await (await directory.getFileHandle(names[0]!)).getFile();
    return { names, size: file.size, head: Array.from(new Uint8Array(await file.slice(0, 2).arrayBuffer())) };
  });
  expect(saved.names).toHaveLength(1);
  expect(saved.head).toEqual([0x50, 0x4b]);
  expect(saved.size).toBeGreaterThan(10_000);

  await page.evaluate(async () => {
    const directory = await navigator.storage.getDirectory();
    for await (const name of (directory as unknown as { keys(): AsyncIterable<string> }).keys()) await directory.removeEntry(name);
    sessionStorage.setItem('slowDisk', '150');
  });
  await page.getByRole('button', { name: 'Export evidence bundle' }).click();
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel export' }).click();
  await expect(page.getByText('Export cancelled; nothing was kept.')).toBeVisible();
  const left = await page.evaluate(async () => {
    const names: string[] = [];
    for await (const name of ((await navigator.storage.getDirectory()) as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
    return names;
  });
  expect(left).toEqual([]);
});

test('deleting an interview removes it and its recordings from the device', async ({ newParticipant }) => {
  const page = await recordedInterview(newParticipant);
  await page.getByRole('button', { name: 'Delete interview' }).click();
  await expect(page.getByText('This cannot be undone')).toBeVisible();
  await page.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByRole('heading', { name: 'Interviews' })).toBeVisible();
  await expect(page.getByText('No interviews on this device yet.')).toBeVisible();
});
