/**
 * The interviewers' scorecard: live co-editing with presence, persistence in
 * the vault, offline edits merging, signed blind submissions, templates, and
 * privacy from the candidate (frames and IndexedDB scanned).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures/browser';
import { createInterview, joinAsCandidate, openWithVault, passVaultGate } from './fixtures/interview';

async function setName(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Your name (shown to co-interviewers)').fill(name);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
}

/** Owner "Ada" creates the interview; colleague "Ben" opens the co-interviewer link. */
async function twoInterviewers(newParticipant: (o?: object) => Promise<{ context: BrowserContext; page: Page }>, position = 'Platform Engineer') {
  const owner = await newParticipant();
  const colleague = await newParticipant();
  await openWithVault(colleague.page, '/');
  await setName(colleague.page, 'Ben');
  await openWithVault(owner.page, '/');
  await setName(owner.page, 'Ada');
  const links = await createInterview(owner.page, 'Mina Castellanos', position);
  await openWithVault(colleague.page, links.coInterviewerLink);
  const scorecard = (page: Page) => page.getByRole('region', { name: 'Scorecard' });
  await expect(scorecard(owner.page).getByRole('list', { name: 'Interviewers here' })).toContainText('Ben');
  await expect(scorecard(colleague.page).getByRole('list', { name: 'Interviewers here' })).toContainText('Ada');
  return { owner, colleague, links, scorecard };
}

test('interviewers co-edit the scorecard live, with presence and cursors', async ({ newParticipant }) => {
  const { owner, colleague, scorecard } = await twoInterviewers(newParticipant);
  const ada = scorecard(owner.page);
  const ben = scorecard(colleague.page);

  await ada.getByRole('button', { name: 'Add competency' }).click();
  await ada.getByLabel('Competency name').fill('System design');
  await ada.getByLabel('Score 5 means').fill('Designs for failure unprompted');
  await expect(ben.getByLabel('Competency name')).toHaveValue('System design');
  await expect(ben.getByRole('group', { name: 'Score for System design' })).toContainText('Designs for failure unprompted');

  const adaNotes = ada.getByLabel('Key takeaways');
  const benNotes = ben.getByLabel('Key takeaways');
  await adaNotes.click();
  await adaNotes.pressSequentially('Clear thinker. ');
  await expect(benNotes).toHaveValue('Clear thinker. ');
  await benNotes.click();
  await benNotes.press('End');
  await benNotes.pressSequentially('Needs depth on storage.');
  await expect(adaNotes).toHaveValue('Clear thinker. Needs depth on storage.');

  // Presence: Ada sees where Ben is typing, as a named cursor over the shared note.
  await expect(ada.getByRole('list', { name: 'Interviewers here' })).toContainText('Ben · editing Key takeaways');
  await expect(ada.locator('.remote-cursor', { hasText: 'Ben' })).toBeVisible();
});

test('the scorecard never reaches the candidate: no frame and nothing in their IndexedDB', async ({ newParticipant }) => {
  const secretNote = 'Zanzibar-Quokka hiring signal';
  const candidate = await newParticipant();
  const frames: string[] = [];
  await candidate.context.routeWebSocket('**/signal', (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((m) => (frames.push(String(m)), server.send(m)));
    server.onMessage((m) => (frames.push(String(m)), socket.send(m)));
  });
  await candidate.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __channelMessages: string[] }).__channelMessages = seen;
    const text = (data: unknown) => (typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : ArrayBuffer.isView(data) ? new TextDecoder().decode(data) : String(data));
    const send = RTCDataChannel.prototype.send;
    RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: never) {
      seen.push(text(data));
      return send.call(this, data);
    };
    const onmessage = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onmessage')!;
    Object.defineProperty(RTCDataChannel.prototype, 'onmessage', {
      set(handler: ((event: MessageEvent) => void) | null) {
        onmessage.set!.call(this, handler && ((event: MessageEvent) => (seen.push(text(event.data)), handler.call(this, event))));
      },
      get() {
        return onmessage.get!.call(this);
      },
    });
  });

  const { owner, colleague, links, scorecard } = await twoInterviewers(newParticipant, 'Actuary');
  await joinAsCandidate(candidate.page, links.candidateLink);
  await expect(owner.page.getByTestId('remote-candidate')).toBeVisible();
  await scorecard(owner.page).getByLabel('Key takeaways').fill(secretNote);
  await scorecard(owner.page).getByRole('button', { name: 'Add competency' }).click();
  await scorecard(owner.page).getByLabel('Competency name').fill('Confidential competency');
  await expect(scorecard(colleague.page).getByLabel('Key takeaways')).toHaveValue(secretNote);
  await expect(scorecard(colleague.page).getByLabel('Competency name')).toHaveValue('Confidential competency');
  await candidate.page.waitForTimeout(2000);

  const channel = await candidate.page.evaluate(() => (window as unknown as { __channelMessages: string[] }).__channelMessages);
  expect(channel.length).toBeGreaterThan(0);
  expect(frames.length).toBeGreaterThan(0);
  for (const text of [...frames, ...channel]) {
    expect(text).not.toContain('Zanzibar');
    expect(text).not.toContain('Confidential competency');
  }
  // Everything the candidate's browser stores, value by value, bytes decoded as text.
  const stored = await candidate.page.evaluate(async () => {
    const texts: string[] = [];
    const flatten = (value: unknown): void => {
      if (value instanceof Uint8Array) texts.push(new TextDecoder('utf-8', { fatal: false }).decode(value));
      else if (typeof value === 'string') texts.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(flatten);
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const name of db.objectStoreNames) {
        const all = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => resolve(request.result);
        });
        all.forEach(flatten);
      }
      db.close();
    }
    return texts;
  });
  expect(stored.length).toBeGreaterThan(0);
  for (const text of stored) {
    expect(text).not.toContain('Zanzibar');
    expect(text).not.toContain('Confidential competency');
  }
  // And the scorecard code never loaded on the candidate's page.
  expect(await candidate.page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('scorecard')))).toBe(false);
});

test('the scorecard survives a reload from the vault alone', async ({ newParticipant }) => {
  const { owner, colleague, links, scorecard } = await twoInterviewers(newParticipant);
  await scorecard(owner.page).getByRole('button', { name: 'Add competency' }).click();
  await scorecard(owner.page).getByLabel('Competency name').fill('Debugging');
  await scorecard(owner.page).getByRole('group', { name: 'Score for Debugging' }).getByRole('radio', { name: /^4/ }).check();
  await scorecard(owner.page).getByLabel('Key takeaways').fill('Found the race quickly.');
  await colleague.context.close();
  await owner.page.waitForTimeout(500);

  await owner.page.goto(links.coInterviewerLink);
  await owner.page.reload();
  await passVaultGate(owner.page);
  await expect(scorecard(owner.page).getByLabel('Competency name')).toHaveValue('Debugging');
  await expect(scorecard(owner.page).getByRole('group', { name: 'Score for Debugging' }).getByRole('radio', { name: /^4/ })).toBeChecked();
  await expect(scorecard(owner.page).getByLabel('Key takeaways')).toHaveValue('Found the race quickly.');
});

test('edits made while disconnected merge once the interviewers meet again', async ({ newParticipant }) => {
  const { owner, colleague, links, scorecard } = await twoInterviewers(newParticipant);
  await scorecard(owner.page).getByLabel('Key takeaways').fill('Base. ');
  await expect(scorecard(colleague.page).getByLabel('Key takeaways')).toHaveValue('Base. ');
  await colleague.page.waitForTimeout(500);

  // Ben leaves; Ada writes alone.
  await colleague.page.goto('about:blank');
  await expect(scorecard(owner.page).getByRole('list', { name: 'Interviewers here' })).not.toContainText('Ben');
  const adaNotes = scorecard(owner.page).getByLabel('Key takeaways');
  await adaNotes.click();
  await adaNotes.press('End');
  await adaNotes.pressSequentially('Ada offline.');

  // Ben comes back with no way to reach the signaling server, and writes too.
  let blocked = true;
  await colleague.context.routeWebSocket('**/signal', (socket) => {
    if (blocked) return void socket.close();
    const server = socket.connectToServer();
    socket.onMessage((m) => server.send(m));
    server.onMessage((m) => socket.send(m));
  });
  await openWithVault(colleague.page, links.coInterviewerLink);
  const benNotes = scorecard(colleague.page).getByLabel('Key takeaways');
  await expect(benNotes).toHaveValue('Base. ');
  await benNotes.click();
  await benNotes.press('Home');
  await benNotes.pressSequentially('Ben offline. ');
  await expect(scorecard(owner.page).getByLabel('Key takeaways')).toHaveValue('Base. Ada offline.');

  blocked = false;
  await expect(benNotes).toHaveValue('Ben offline. Base. Ada offline.', { timeout: 30_000 });
  await expect(adaNotes).toHaveValue('Ben offline. Base. Ada offline.');
});

test('submitted evaluations are signed, frozen, and blind until one submits', async ({ newParticipant }) => {
  const { owner, colleague, scorecard } = await twoInterviewers(newParticipant);
  const ada = scorecard(owner.page);
  const ben = scorecard(colleague.page);
  await ada.getByRole('button', { name: 'Add competency' }).click();
  await ada.getByLabel('Competency name').fill('Coding');
  await ada.getByRole('group', { name: 'Score for Coding' }).getByRole('radio', { name: /^4/ }).check();
  await ada.getByLabel('Overall recommendation').selectOption('yes');
  await expect(ben.getByRole('group', { name: 'Score for Coding' })).toBeVisible();
  await ben.getByRole('group', { name: 'Score for Coding' }).getByRole('radio', { name: /^2/ }).check();
  await expect(ben.getByText('Submit your own evaluation to see the others’ (0 submitted so far).')).toBeVisible();

  await ada.getByRole('button', { name: 'Submit evaluation' }).click();
  await expect(ada.getByText(/Evaluation submitted and signed at/)).toBeVisible();
  await expect(ada.getByRole('group', { name: 'Score for Coding' }).getByRole('radio', { name: /^4/ })).toBeDisabled();
  await expect(ada.getByLabel('Overall recommendation')).toBeDisabled();
  await expect(ben.getByText('Submit your own evaluation to see the others’ (1 submitted so far).')).toBeVisible();
  await expect(ben.getByText('Coding: 4')).toHaveCount(0);

  await ben.getByRole('button', { name: 'Submit evaluation' }).click();
  const adaSeenByBen = ben.getByRole('article').filter({ hasText: 'Ada' });
  await expect(adaSeenByBen).toContainText('submitted, signature valid');
  await expect(adaSeenByBen).toContainText('Coding: 4');
  await expect(adaSeenByBen).toContainText('Overall recommendation: Yes');
  await expect(ada.getByRole('article').filter({ hasText: 'Ben' })).toContainText('Coding: 2');

  // Both signed evaluations and the merged scorecard go into the evidence bundle, checkable with signify.
  await owner.page.getByRole('link', { name: 'Interviews' }).click();
  await owner.page.getByRole('link', { name: 'Review' }).click();
  await owner.page.evaluate(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
  const download = owner.page.waitForEvent('download');
  await owner.page.getByRole('button', { name: 'Export evidence bundle' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'candid-scorecard-bundle-'));
  await (await download).saveAs(join(dir, 'bundle.zip'));
  execFileSync('unzip', ['-q', 'bundle.zip'], { cwd: dir });
  const bag = join(dir, (await readdir(dir)).find((name) => name.startsWith('candid-'))!);
  const submissions = (await readdir(join(bag, 'data/scorecard/submissions'))).filter((name) => name.endsWith('.json'));
  expect(submissions).toHaveLength(2);
  for (const statement of submissions) {
    const key = statement.replace(/\.json$/, '.pub');
    const out = execFileSync('signify-openbsd', ['-V', '-p', key, '-x', `${statement}.sig`, '-m', statement], { cwd: join(bag, 'data/scorecard/submissions'), encoding: 'utf8' });
    expect(out).toContain('Signature Verified');
  }
  expect(await readFile(join(bag, 'data/scorecard/scorecard.md'), 'utf8')).toContain('| Coding | 4 |');
});

test('a rubric saved for a position is offered for the next interview, all by keyboard', async ({ newParticipant }) => {
  const { page } = await newParticipant();
  await createInterview(page, 'First Candidate', 'Data Scientist');
  const card = page.getByRole('region', { name: 'Scorecard' });
  await card.getByRole('button', { name: 'Add competency' }).focus();
  await page.keyboard.press('Enter');
  await card.getByLabel('Competency name').focus();
  await page.keyboard.type('Statistics');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Sound inference');
  await card.getByRole('button', { name: 'Save rubric as template for Data Scientist' }).focus();
  await page.keyboard.press('Enter');
  // Score with the keyboard: focus the radio group and move with the arrow keys.
  await card.getByRole('group', { name: 'Score for Statistics' }).getByRole('radio', { name: /^1/ }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(card.getByRole('group', { name: 'Score for Statistics' }).getByRole('radio', { name: /^3/ })).toBeChecked();

  await createInterview(page, 'Second Candidate', 'data scientist');
  const next = page.getByRole('region', { name: 'Scorecard' });
  await next.getByRole('button', { name: 'Use the saved rubric for data scientist' }).focus();
  await page.keyboard.press('Enter');
  await expect(next.getByLabel('Competency name')).toHaveValue('Statistics');
  await expect(next.getByLabel('Description')).toHaveValue('Sound inference');
});
