// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { InterviewId } from '../../src/core';
import { Interviews, listTracks, readTrack, TamperedDataError, TrackWriter, type TrackDescription } from '../../src/vault';
import { unlockedKeyring } from './helpers';

const IV = 'iv-rec' as InterviewId;
const description: TrackDescription = { kind: 'self', subject: 'candidate', mimeType: 'video/webm', startedAt: 1000, stoppedAt: null, stopReason: null };

async function setup(slices = 5) {
  const keyring = await unlockedKeyring();
  const interviews = new Interviews(keyring.db, keyring);
  await interviews.ensure({ id: IV, role: 'candidate', createdAt: 1, details: null, candidateToken: 't', interviewerToken: null, candidateKey: null });
  const dataKey = await interviews.dataKey(IV);
  const writer = await TrackWriter.begin(keyring.db, dataKey, IV, description);
  for (let seq = 0; seq < slices; seq++) await writer.append(new Uint8Array(1000).fill(seq + 1), 1000 + seq * 1000);
  return { db: keyring.db, dataKey, writer };
}

async function readAll(...args: Parameters<typeof readTrack>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const { bytes } of readTrack(...args)) out.push(bytes);
  return out;
}

describe('tracks and slices', () => {
  it('reads back every slice in order, verified against the chain', async () => {
    const { db, dataKey, writer } = await setup();
    const slices = await readAll(db, dataKey, IV, writer.trackId);
    expect(slices.map((s) => s[0])).toEqual([1, 2, 3, 4, 5]);
    await writer.finish('stopped', 9000);
    const [summary] = await listTracks(db, dataKey, IV);
    expect(summary).toMatchObject({ trackId: writer.trackId, slices: 5, lastSliceAt: 5000 });
    expect(summary!.description).toMatchObject({ stoppedAt: 9000, stopReason: 'stopped' });
  });

  it('stores copies: a slice row holds only its own bytes', async () => {
    const { db, writer } = await setup(1);
    const row = await db.slices.get([IV, writer.trackId, 0]);
    expect(row!.body.buffer.byteLength).toBe(row!.body.byteLength);
    expect(Buffer.from(row!.body).includes(Buffer.alloc(32, 1))).toBe(false);
  });

  it('a crashed track (never finished) still lists and reads', async () => {
    const { db, dataKey, writer } = await setup(3);
    const [summary] = await listTracks(db, dataKey, IV);
    expect(summary!.description.stoppedAt).toBeNull();
    expect(await readAll(db, dataKey, IV, writer.trackId)).toHaveLength(3);
  });

  it('rejects a tampered slice body', async () => {
    const { db, dataKey, writer } = await setup();
    const row = await db.slices.get([IV, writer.trackId, 2]);
    const body = row!.body.slice();
    body[40]! ^= 0xff;
    await db.slices.update([IV, writer.trackId, 2], { body });
    await expect(readAll(db, dataKey, IV, writer.trackId)).rejects.toThrow(/slice 2 .* does not open/);
  });

  it('rejects two slices swapped in place', async () => {
    const { db, dataKey, writer } = await setup();
    const one = await db.slices.get([IV, writer.trackId, 1]);
    const three = await db.slices.get([IV, writer.trackId, 3]);
    await db.slices.update([IV, writer.trackId, 1], { body: three!.body, info: three!.info });
    await db.slices.update([IV, writer.trackId, 3], { body: one!.body, info: one!.info });
    await expect(readAll(db, dataKey, IV, writer.trackId)).rejects.toBeInstanceOf(TamperedDataError);
  });

  it('rejects a removed slice in the middle', async () => {
    const { db, dataKey, writer } = await setup();
    await db.slices.delete([IV, writer.trackId, 1]);
    await expect(readAll(db, dataKey, IV, writer.trackId)).rejects.toThrow(/slice 1 .* missing/);
  });

  it('rejects a slice moved from another track', async () => {
    const { db, dataKey, writer } = await setup();
    const other = await TrackWriter.begin(db, dataKey, IV, { ...description, kind: 'remote' });
    await other.append(new Uint8Array(10), 1);
    const foreign = await db.slices.get([IV, other.trackId, 0]);
    await db.slices.update([IV, writer.trackId, 0], { body: foreign!.body, info: foreign!.info });
    await expect(readAll(db, dataKey, IV, writer.trackId)).rejects.toBeInstanceOf(TamperedDataError);
  });
});
