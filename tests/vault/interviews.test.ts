// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { InterviewId } from '../../src/core';
import { Interviews, TamperedDataError } from '../../src/vault';
import { unlockedKeyring } from './helpers';

const record = (id: string, createdAt: number) => ({
  id: id as InterviewId,
  role: 'interviewer' as const,
  createdAt,
  details: { candidateName: `Candidate ${id}`, position: 'Engineer' },
  candidateToken: 'c'.repeat(47),
  interviewerToken: null,
  candidateKey: null,
});

describe('Interviews', () => {
  it('stores sealed records, lists newest first, and updates in place', async () => {
    const keyring = await unlockedKeyring();
    const interviews = new Interviews(keyring.db, keyring);
    await interviews.ensure(record('a', 1));
    await interviews.ensure(record('b', 2));
    expect((await interviews.list()).map((r) => r.id)).toEqual(['b', 'a']);
    await interviews.update('a' as InterviewId, (r) => ({ ...r, candidateKey: 'KEY' }));
    expect((await interviews.get('a' as InterviewId))?.candidateKey).toBe('KEY');
    // ensure() never overwrites an existing interview.
    await interviews.ensure({ ...record('a', 1), details: null });
    expect((await interviews.get('a' as InterviewId))?.details?.candidateName).toBe('Candidate a');
  });

  it('keeps nothing readable in the stored row', async () => {
    const keyring = await unlockedKeyring();
    await new Interviews(keyring.db, keyring).ensure(record('secret-row', 1));
    const row = await keyring.db.interviews.get('secret-row');
    expect(Buffer.from(row!.sealed).includes('Candidate')).toBe(false);
    expect(Buffer.from(row!.wrappedKey).length).toBeGreaterThan(32);
  });

  it('detects a record moved to another interview', async () => {
    const keyring = await unlockedKeyring();
    const interviews = new Interviews(keyring.db, keyring);
    await interviews.ensure(record('x', 1));
    await interviews.ensure(record('y', 2));
    const x = await keyring.db.interviews.get('x');
    await keyring.db.interviews.update('y', { sealed: x!.sealed, wrappedKey: x!.wrappedKey });
    await expect(interviews.get('y' as InterviewId)).rejects.toBeInstanceOf(TamperedDataError);
  });
});

describe('Interviews.delete', () => {
  it('removes the interview with its tracks and slices, and nothing else', async () => {
    const { TrackWriter } = await import('../../src/vault');
    const keyring = await unlockedKeyring();
    const interviews = new Interviews(keyring.db, keyring);
    for (const id of ['keep', 'drop']) {
      await interviews.ensure(record(id, 1));
      const writer = await TrackWriter.begin(keyring.db, await interviews.dataKey(id as InterviewId), id as InterviewId, {
        kind: 'self',
        subject: 'interviewer',
        mimeType: 'video/webm',
        startedAt: 1,
        stoppedAt: null,
        stopReason: null,
      });
      await writer.append(new Uint8Array(10));
    }
    await interviews.delete('drop' as InterviewId);
    expect(await interviews.get('drop' as InterviewId)).toBeNull();
    expect(await keyring.db.slices.where('interviewId').equals('drop').count()).toBe(0);
    expect(await keyring.db.recordings.where('interviewId').equals('drop').count()).toBe(0);
    expect(await keyring.db.slices.where('interviewId').equals('keep').count()).toBe(1);
  });
});
