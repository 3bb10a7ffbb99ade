/** Two vaults for delivery tests: a recorder with a track of real slices, and an interviewer to receive them. */
import 'fake-indexeddb/auto';
import type { InterviewId } from '../../src/core';
import { newSigningKeyPair } from '../../src/crypto';
import { vaultSource } from '../../src/delivery';
import { DeliveryLedger, Interviews, listTracks, readTrack, TrackWriter } from '../../src/vault';
import { freshDb, unlockedKeyring } from '../vault/helpers';

export const IV = 'iv-delivery' as InterviewId;
/** Bigger than one binary frame, so every slice travels in pieces. */
const SLICE_BYTES = 150_000;

/** One unlocked keyring for the whole file: the passphrase KDF is slow on purpose, and each side only needs a vault key. */
let keyring: ReturnType<typeof unlockedKeyring> | null = null;

/** A device: its own database, holding the interview. */
export async function side(role: 'candidate' | 'interviewer') {
  keyring ??= unlockedKeyring();
  const db = freshDb();
  const interviews = new Interviews(db, await keyring);
  await interviews.ensure({ id: IV, role, createdAt: 1, details: null, candidateToken: 't', interviewerToken: null, candidateKey: null });
  return { db, dataKey: await interviews.dataKey(IV) };
}

export function sliceBytes(seq: number): Uint8Array {
  const bytes = new Uint8Array(SLICE_BYTES);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + seq * 7) & 0xff;
  return bytes;
}

export async function recorder(slices: number, stop = true) {
  const { db, dataKey } = await side('candidate');
  const writer = await TrackWriter.begin(db, dataKey, IV, { kind: 'self', subject: 'candidate', mimeType: 'video/webm', startedAt: 1000, stoppedAt: null, stopReason: null });
  for (let seq = 0; seq < slices; seq++) await writer.append(sliceBytes(seq), 1000 + seq * 1000);
  if (stop) await writer.finish('stopped', 1000 + slices * 1000);
  const identity = newSigningKeyPair();
  // A track left unstopped is still being written (the growing-recording test stops it later).
  const source = vaultSource(db, dataKey, IV, () => !stop);
  return { db, dataKey, writer, identity, source, ledger: new DeliveryLedger(db, dataKey, IV) };
}

export type Recorder = Awaited<ReturnType<typeof recorder>>;
export type Interviewer = Awaited<ReturnType<typeof side>>;

export async function deliveredTrack(to: Interviewer) {
  const tracks = await listTracks(to.db, to.dataKey, IV);
  return tracks.find((track) => track.description.kind === 'delivered');
}

export async function readBytes(db: Interviewer['db'], dataKey: Uint8Array, trackId: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const { bytes } of readTrack(db, dataKey, IV, trackId)) out.push(bytes);
  return out;
}
