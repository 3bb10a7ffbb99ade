// @vitest-environment node
import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { keyFingerprint, newSigningKeyPair } from '../../src/crypto';
import { buildSubmission, diff, persist, Scorecard, scorecardFiles, scorecardMarkdown, verifySubmission } from '../../src/notes';
import { NotesLog } from '../../src/vault';
import { freshDb } from '../vault/helpers';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
};

describe('Scorecard', () => {
  it('merges concurrent edits from two interviewers', () => {
    const [a, b] = [new Scorecard(new Y.Doc()), new Scorecard(new Y.Doc())];
    const id = a.addCompetency('System design');
    sync(a.doc, b.doc);
    a.updateCompetency(id, { anchors: ['none', 'weak', 'ok', 'good', 'excellent'] });
    a.takeaways.insert(0, 'Strong on trade-offs. ');
    b.takeaways.insert(0, 'Asked good questions. ');
    a.setScore('fp-a', 'Ada', id, 4);
    b.setScore('fp-b', 'Ben', id, 3);
    b.setRecommendation('fp-b', 'Ben', 'yes');
    sync(a.doc, b.doc);
    expect(a.view()).toEqual(b.view());
    const view = a.view();
    expect(view.takeaways).toContain('Strong on trade-offs.');
    expect(view.takeaways).toContain('Asked good questions.');
    expect(view.parts.map((p) => [p.name, p.scores[id]])).toEqual(expect.arrayContaining([['Ada', 4], ['Ben', 3]]));
    expect(view.competencies[0]?.anchors).toEqual(['none', 'weak', 'ok', 'good', 'excellent']);
  });

  it('ignores scores outside 1–5 and keeps the first submission of each interviewer', () => {
    const card = new Scorecard(new Y.Doc());
    const id = card.addCompetency('Coding');
    card.setScore('fp', 'Ada', id, 9);
    expect(card.view().parts[0]?.scores).toEqual({});
    const identity = newSigningKeyPair();
    const first = buildSubmission(card.view(), { interviewId: 'iv', identity, name: 'Ada', submittedAt: new Date(0) });
    expect(card.addSubmission(first)).toBe(true);
    expect(card.addSubmission({ ...first, statement: '{}' })).toBe(false);
    expect(card.view().submissions[0]?.statement).toBe(first.statement);
  });
});

describe('submissions', () => {
  it('are signed statements that verify, and fail once altered or re-attributed', () => {
    const card = new Scorecard(new Y.Doc());
    const id = card.addCompetency('Communication');
    const identity = newSigningKeyPair();
    const fingerprint = keyFingerprint(identity.publicKey);
    card.setScore(fingerprint, 'Ada', id, 5);
    card.setRecommendation(fingerprint, 'Ada', 'strong-yes');
    const submission = buildSubmission(card.view(), { interviewId: 'iv-1', identity, name: 'Ada', submittedAt: new Date(0) });
    expect(verifySubmission(submission)).toBe(true);
    expect(JSON.parse(submission.statement)).toMatchObject({ interviewId: 'iv-1', scores: { [id]: 5 }, recommendation: 'strong-yes' });
    expect(verifySubmission({ ...submission, statement: submission.statement.replace('"strong-yes"', '"strong-no"') })).toBe(false);
    expect(verifySubmission({ ...submission, fingerprint: 'someone-else' })).toBe(false);
    // Later edits do not change what was submitted.
    card.setScore(fingerprint, 'Ada', id, 1);
    expect(JSON.parse(submission.statement).scores[id]).toBe(5);
  });
});

describe('persistence in the vault', () => {
  async function openLog() {
    const db = freshDb();
    return { db, log: new NotesLog(db, new Uint8Array(32).fill(3), 'iv-notes') };
  }

  it('restores everything after a reload, and stores nothing in clear', async () => {
    const { db, log } = await openLog();
    const doc = new Y.Doc();
    const stored = await persist(doc, log);
    const card = new Scorecard(doc);
    card.addCompetency('Secret competency name');
    card.takeaways.insert(0, 'Confidential takeaway');
    await stored.close();
    for (const row of await db.notes.toArray()) expect(Buffer.from(row.sealed).includes('Confidential')).toBe(false);

    const reloaded = new Y.Doc();
    await persist(reloaded, new NotesLog(db, new Uint8Array(32).fill(3), 'iv-notes'));
    expect(new Scorecard(reloaded).view()).toEqual(card.view());
  });

  it('compacts 10,000 edits into one snapshot, atomically, within twice its size', async () => {
    const { log } = await openLog();
    const doc = new Y.Doc();
    const stored = await persist(doc, log);
    const card = new Scorecard(doc);
    for (let i = 0; i < 10_000; i++) {
      card.takeaways.insert(card.takeaways.length, String(i % 10));
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await stored.compact();
    await stored.close();
    const { rows, bytes } = await log.stats();
    const snapshot = Y.encodeStateAsUpdate(doc).byteLength;
    expect(rows).toBeLessThanOrEqual(2);
    expect(bytes).toBeLessThanOrEqual(2 * snapshot + 200);
    const reloaded = new Y.Doc();
    const { loadInto } = await import('../../src/notes');
    await loadInto(reloaded, log);
    expect(reloaded.getText('takeaways').toString()).toBe(doc.getText('takeaways').toString());
  }, 60_000);
});

describe('text diff for the textarea binding', () => {
  it.each([
    ['abc', 'abXc', { at: 2, remove: 0, insert: 'X' }],
    ['abc', 'ac', { at: 1, remove: 1, insert: '' }],
    ['hello world', 'hello brave new world', { at: 6, remove: 0, insert: 'brave new ' }],
    ['aaaa', 'aaa', { at: 3, remove: 1, insert: '' }],
    ['', 'x', { at: 0, remove: 0, insert: 'x' }],
    ['same', 'same', { at: 4, remove: 0, insert: '' }],
  ])('%j → %j', (before, after, expected) => {
    expect(diff(before, after)).toEqual(expected);
  });
});

describe('bundle files', () => {
  it('hold the merged scorecard and each signed submission, checkable with signify', async () => {
    const { log } = await (async () => ({ log: new NotesLog(freshDb(), new Uint8Array(32).fill(4), 'iv-bundle') }))();
    const doc = new Y.Doc();
    const stored = await persist(doc, log);
    const card = new Scorecard(doc);
    const id = card.addCompetency('Ownership');
    card.addQuestion('Tell us about a failure');
    const identity = newSigningKeyPair();
    const fingerprint = keyFingerprint(identity.publicKey);
    card.setScore(fingerprint, 'Ada', id, 4);
    card.addSubmission(buildSubmission(card.view(), { interviewId: 'iv', identity, name: 'Ada', submittedAt: new Date(0) }));
    await stored.close();

    const files = await scorecardFiles(log, 'Zhang Wei · Engineer');
    expect(files.map((f) => f.path)).toEqual([
      'scorecard/scorecard.json',
      'scorecard/scorecard.md',
      `scorecard/submissions/${fingerprint}.json`,
      `scorecard/submissions/${fingerprint}.json.sig`,
      `scorecard/submissions/${fingerprint}.pub`,
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'candid-scorecard-'));
    for (const file of files.slice(2)) writeFileSync(join(dir, file.path.split('/').pop()!), file.text);
    const out = execFileSync('signify-openbsd', ['-V', '-p', `${fingerprint}.pub`, '-x', `${fingerprint}.json.sig`, '-m', `${fingerprint}.json`], { cwd: dir, encoding: 'utf8' });
    expect(out).toContain('Signature Verified');
    expect(scorecardMarkdown(card.view(), 'X')).toContain('| Ownership | 4 |');
  });
});
