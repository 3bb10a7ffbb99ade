/**
 * Recorded tracks, slice by slice. A slice is sealed under the interview's
 * data key with its slot (interview, track, sequence) as context, so slices
 * cannot be swapped or reordered unnoticed, and written durably before the
 * recorder hands over the next one. Each slice's info carries its SHA-256 and
 * the running hash-chain link, which delivery and evidence export rely on.
 */
import { isRole, type InterviewId, type Role } from '../core';
import { bytesEqual, bytesToHex, CHAIN_START, hexToBytes, nextChainLink, open, randomBytes, seal, sha256Async, toBase64Url } from '../crypto';
import type { CandidDb, SliceRow } from './db';
import { isQuotaError, StorageFullError, TamperedDataError } from './errors';
import { openRecord, sealRecord } from './sealed-json';

/** self: this device's camera; remote: a stream as received; delivered: the other side's own recording, sent to us slice by slice. */
export type TrackKind = 'self' | 'remote' | 'delivered';
export type StopReason = 'stopped' | 'storage-full' | 'failed';

export interface TrackDescription {
  kind: TrackKind;
  /** Whose camera and microphone this is. */
  subject: Role;
  mimeType: string;
  startedAt: number;
  /** Null while recording, and forever for a track cut short by a crash. */
  stoppedAt: number | null;
  stopReason: StopReason | null;
  /** Delivered tracks: the id of the track on the device that recorded it. */
  sourceTrackId?: string;
}

export interface SliceInfo {
  /** SHA-256 of the slice bytes, hex. */
  hash: string;
  /** Chain link after this slice, hex. */
  chain: string;
  /** Wall-clock time the slice was handed over, ms since the epoch. */
  at: number;
  bytes: number;
}

export interface TrackSummary {
  trackId: string;
  description: TrackDescription;
  slices: number;
  /** Time of the last stored slice; for a crashed track, where it ends. */
  lastSliceAt: number | null;
  /** The chain link after the last slice (hex): equal on both sides once a track is fully delivered. */
  head: string | null;
}

export function isTrackDescription(value: unknown): value is TrackDescription {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.kind === 'self' || v.kind === 'remote' || v.kind === 'delivered') &&
    isRole(v.subject) &&
    typeof v.mimeType === 'string' &&
    typeof v.startedAt === 'number' &&
    (v.sourceTrackId === undefined || typeof v.sourceTrackId === 'string') &&
    (v.stoppedAt === null || typeof v.stoppedAt === 'number') &&
    (v.stopReason === null || v.stopReason === 'stopped' || v.stopReason === 'storage-full' || v.stopReason === 'failed')
  );
}

export function isSliceInfo(value: unknown): value is SliceInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.hash === 'string' && typeof v.chain === 'string' && typeof v.at === 'number' && typeof v.bytes === 'number';
}

export const trackContext = (interviewId: string, trackId: string) => `candid/track/${interviewId}/${trackId}`;
export const sliceContext = (interviewId: string, trackId: string, seq: number) => `candid/slice/${interviewId}/${trackId}/${seq}`;
export const infoContext = (interviewId: string, trackId: string, seq: number) => `candid/slice-info/${interviewId}/${trackId}/${seq}`;

export async function durably<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw isQuotaError(error) ? new StorageFullError(error) : error;
  }
}

/** A slice as stored: bytes and info sealed in their place, with the size they take on disk. */
export function sealSlice(dataKey: Uint8Array, interviewId: string, trackId: string, seq: number, bytes: Uint8Array, info: SliceInfo): SliceRow {
  const body = seal(dataKey, bytes, sliceContext(interviewId, trackId, seq));
  const sealedInfo = sealRecord(dataKey, info, infoContext(interviewId, trackId, seq));
  return { interviewId, trackId, seq, body, info: sealedInfo, size: body.byteLength + sealedInfo.byteLength };
}

/** Appends the slices of one new track. Calls must not overlap: the recorder awaits each. */
export class TrackWriter {
  #seq = 0;
  #chain: Uint8Array = CHAIN_START;

  private constructor(
    private readonly db: CandidDb,
    private readonly dataKey: Uint8Array,
    readonly interviewId: InterviewId,
    readonly trackId: string,
    private description: TrackDescription,
  ) {}

  static async begin(db: CandidDb, dataKey: Uint8Array, interviewId: InterviewId, description: TrackDescription): Promise<TrackWriter> {
    // Random, so the clear-text id says nothing about the track.
    const trackId = toBase64Url(randomBytes(9));
    const writer = new TrackWriter(db, dataKey, interviewId, trackId, description);
    await durably(() => db.recordings.put({ interviewId, trackId, sealed: sealRecord(dataKey, description, trackContext(interviewId, trackId)) }));
    return writer;
  }

  get slices(): number {
    return this.#seq;
  }

  /** Seals and stores one slice; resolves once it is durable. Throws StorageFullError when the disk is full. */
  async append(bytes: Uint8Array, at = Date.now()): Promise<void> {
    const seq = this.#seq;
    const hash = await sha256Async(bytes);
    const chain = nextChainLink(this.#chain, seq, hash);
    const info: SliceInfo = { hash: bytesToHex(hash), chain: bytesToHex(chain), at, bytes: bytes.byteLength };
    await durably(() => this.db.slices.add(sealSlice(this.dataKey, this.interviewId, this.trackId, seq, bytes, info)));
    this.#seq = seq + 1;
    this.#chain = chain;
  }

  async finish(reason: StopReason, at = Date.now()): Promise<void> {
    this.description = { ...this.description, stoppedAt: at, stopReason: reason };
    const sealed = sealRecord(this.dataKey, this.description, trackContext(this.interviewId, this.trackId));
    // Best effort when the disk is full: the slices are what matter, and they are saved.
    await durably(() => this.db.recordings.update([this.interviewId, this.trackId], { sealed })).catch((error: unknown) => {
      if (!(error instanceof StorageFullError)) throw error;
    });
  }
}

export function sliceRange(db: CandidDb, interviewId: string, trackId: string) {
  return db.slices.where('[interviewId+trackId+seq]').between([interviewId, trackId, 0], [interviewId, trackId, Infinity]);
}

export async function listTracks(db: CandidDb, dataKey: Uint8Array, interviewId: InterviewId): Promise<TrackSummary[]> {
  const rows = await db.recordings.where('interviewId').equals(interviewId).toArray();
  const summaries = await Promise.all(
    rows.map(async (row): Promise<TrackSummary> => {
      const description = openRecord(dataKey, row.sealed, trackContext(interviewId, row.trackId), isTrackDescription);
      const slices = await sliceRange(db, interviewId, row.trackId).count();
      const last = await sliceRange(db, interviewId, row.trackId).last();
      const lastInfo = last && openRecord(dataKey, last.info, infoContext(interviewId, row.trackId, last.seq), isSliceInfo);
      return { trackId: row.trackId, description, slices, lastSliceAt: lastInfo ? lastInfo.at : null, head: lastInfo ? lastInfo.chain : null };
    }),
  );
  return summaries.sort((a, b) => a.description.startedAt - b.description.startedAt);
}

/** One slice, opened and checked against its own hash; null when the track does not have it (yet). */
export async function readSlice(
  db: CandidDb,
  dataKey: Uint8Array,
  interviewId: InterviewId,
  trackId: string,
  seq: number,
): Promise<{ bytes: Uint8Array; info: SliceInfo } | null> {
  const row = await db.slices.get([interviewId, trackId, seq]);
  if (row === undefined) return null;
  const { bytes, info } = openSlice(dataKey, row);
  if (!bytesEqual(await sha256Async(bytes), hexToBytes(info.hash))) throw new TamperedDataError(`slice ${seq} of track ${trackId} does not match its hash`);
  return { bytes, info };
}

function openSlice(dataKey: Uint8Array, row: SliceRow): { bytes: Uint8Array; info: SliceInfo } {
  const { interviewId, trackId, seq } = row;
  let bytes: Uint8Array;
  try {
    bytes = open(dataKey, row.body, sliceContext(interviewId, trackId, seq));
  } catch {
    throw new TamperedDataError(`slice ${seq} of track ${trackId} does not open in its place`);
  }
  return { bytes, info: openRecord(dataKey, row.info, infoContext(interviewId, trackId, seq), isSliceInfo) };
}

/**
 * Yields a track's slices in order, one at a time (memory stays flat),
 * checking each against its info and the hash chain. The first missing,
 * altered or misplaced slice stops the read with TamperedDataError.
 */
export async function* readTrack(
  db: CandidDb,
  dataKey: Uint8Array,
  interviewId: InterviewId,
  trackId: string,
  /** Skip the hash-chain check, for a pass whose result is checked by a verified pass before use. */
  options: { verify?: boolean } = {},
): AsyncGenerator<{ bytes: Uint8Array; info: SliceInfo }> {
  const verify = options.verify ?? true;
  const seqs = (await sliceRange(db, interviewId, trackId).primaryKeys()).map((key) => key[2]);
  let chain: Uint8Array = CHAIN_START;
  for (let expected = 0; expected < seqs.length; expected++) {
    if (seqs[expected] !== expected) throw new TamperedDataError(`slice ${expected} of track ${trackId} is missing`);
    const row = await db.slices.get([interviewId, trackId, expected]);
    if (row === undefined) throw new TamperedDataError(`slice ${expected} of track ${trackId} vanished while reading`);
    const { bytes, info } = openSlice(dataKey, row);
    if (verify) {
      const hash = await sha256Async(bytes);
      chain = nextChainLink(chain, expected, hash);
      if (!bytesEqual(hash, hexToBytes(info.hash)) || !bytesEqual(chain, hexToBytes(info.chain))) {
        throw new TamperedDataError(`slice ${expected} of track ${trackId} does not match its hash chain`);
      }
    }
    yield { bytes, info };
  }
}
