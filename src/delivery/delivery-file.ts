/**
 * Deliver later: the slices the interviewer has not acknowledged, in one file
 * sealed to the interviewers' public key, for when the two sides are never
 * online together. Importing checks everything before storing anything, and
 * storing is idempotent, so a file imported twice adds nothing.
 *
 * Layout:
 *   "CANDID-DELIVERY/1\n" ‖ one-time X25519 public key (32) ‖ record*
 *   record = length (u32, big-endian) ‖ envelope sealed under the box's shared key,
 *            with context "candid/delivery-file/<index>" (so records cannot be
 *            reordered, dropped from the middle or moved between files unnoticed)
 *   record 0      JSON manifest: interview, recorder key, per track its signed offer,
 *                 the first slice included and the chain link before it
 *   records 1..n  a slice: header length (u32) ‖ JSON {track, seq, info} ‖ bytes
 * The manifest says how many slices follow, so a cut file is caught too.
 */
import type { InterviewId } from '../core';
import {
  BOX_PUBLIC_KEY_LENGTH,
  boxSharedKey,
  bytesEqual,
  bytesToHex,
  CHAIN_START,
  fromBase64Url,
  hexToBytes,
  newBoxKeyPair,
  nextChainLink,
  open,
  PUBLIC_KEY_LENGTH,
  seal,
  sha256Async,
  toBase64Url,
  utf8,
} from '../crypto';
import type { SliceInfo } from '../vault';
import { isSliceInfoMessage, isTrackOffer, type TrackOffer } from './messages';
import { verifyOffer, type UnsignedOffer } from './offer';
import type { DeliveredStore, DeliveryTarget } from './receiver';
import type { AckLedger, DeliverySource } from './sender';

const MAGIC = utf8.encode('CANDID-DELIVERY/1\n');
const HEADER_BYTES = MAGIC.length + BOX_PUBLIC_KEY_LENGTH;
/** A sealed slice record: the largest slice we accept, its header, and the envelope. */
const MAX_RECORD_BYTES = 17 * 1024 * 1024;

export const DELIVERY_FILE_EXTENSION = '.candid-delivery';

export type DeliveryFileProblem = 'not-a-delivery-file' | 'not-for-us' | 'damaged' | 'other-interview' | 'other-device' | 'gap';

export class DeliveryFileError extends Error {
  constructor(readonly problem: DeliveryFileProblem) {
    super(`delivery file: ${problem}`);
  }
}

interface ManifestTrack {
  offer: TrackOffer;
  /** The first slice in the file; those before it were acknowledged already. */
  from: number;
  /** The chain link before slice `from` (hex), null when `from` is 0. */
  previous: string | null;
}

interface Manifest {
  interviewId: string;
  recorderKey: string;
  tracks: ManifestTrack[];
}

const recordContext = (index: number) => `candid/delivery-file/${index}`;

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

export interface DeliveryFileSource {
  interviewId: InterviewId;
  /** The interviewers' delivery public key (X25519), learned from their hello. */
  recipient: Uint8Array;
  recorderKey: Uint8Array;
  source: DeliverySource;
  ledger: AckLedger;
  sign: (offer: UnsignedOffer) => TrackOffer;
}

/** Every slice not yet acknowledged, sealed for the interviewers. Null when there is nothing to deliver. */
export async function writeDeliveryFile({ interviewId, recipient, recorderKey, source, ledger, sign }: DeliveryFileSource): Promise<Blob | null> {
  const [tracks, acked] = await Promise.all([source.tracks(), ledger.acked()]);
  const pending = tracks.filter((track) => (acked.get(track.trackId) ?? 0) < track.count);
  if (pending.length === 0) return null;

  const manifest: Manifest = { interviewId, recorderKey: toBase64Url(recorderKey), tracks: [] };
  for (const track of pending) {
    const from = acked.get(track.trackId) ?? 0;
    const before = from === 0 ? null : await source.read(track.trackId, from - 1);
    manifest.tracks.push({ offer: sign(track), from, previous: before === null ? null : before.info.chain });
  }

  const ephemeral = newBoxKeyPair();
  const key = boxSharedKey(recipient, ephemeral.secretKey);
  const parts: Uint8Array[] = [MAGIC, ephemeral.publicKey];
  let index = 0;
  const addRecord = (plain: Uint8Array) => {
    const sealed = seal(key, plain, recordContext(index++));
    parts.push(u32(sealed.byteLength), sealed);
  };
  addRecord(utf8.encode(JSON.stringify(manifest)));
  for (const [track, { offer, from }] of manifest.tracks.entries()) {
    for (let seq = from; seq < offer.count; seq++) {
      const slice = await source.read(offer.trackId, seq);
      if (slice === null) throw new Error(`slice ${seq} of our own track is missing`);
      const header = utf8.encode(JSON.stringify({ track, seq, info: slice.info }));
      const plain = new Uint8Array(4 + header.byteLength + slice.bytes.byteLength);
      plain.set(u32(header.byteLength));
      plain.set(header, 4);
      plain.set(slice.bytes, 4 + header.byteLength);
      addRecord(plain);
    }
  }
  return new Blob(parts as Uint8Array<ArrayBuffer>[], { type: 'application/octet-stream' });
}

/** Reads a delivery file's records one at a time, opening each; any fault is 'damaged'. */
async function* records(file: Blob, secretKey: Uint8Array): AsyncGenerator<Uint8Array> {
  const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
  if (head.byteLength < HEADER_BYTES || !bytesEqual(head.subarray(0, MAGIC.length), MAGIC)) throw new DeliveryFileError('not-a-delivery-file');
  const key = boxSharedKey(head.subarray(MAGIC.length), secretKey);
  let offset = HEADER_BYTES;
  for (let index = 0; offset < file.size; index++) {
    const lengthBytes = new Uint8Array(await file.slice(offset, offset + 4).arrayBuffer());
    if (lengthBytes.byteLength < 4) throw new DeliveryFileError('damaged');
    const length = new DataView(lengthBytes.buffer).getUint32(0);
    if (length > MAX_RECORD_BYTES || offset + 4 + length > file.size) throw new DeliveryFileError('damaged');
    const sealed = new Uint8Array(await file.slice(offset + 4, offset + 4 + length).arrayBuffer());
    offset += 4 + length;
    try {
      yield open(key, sealed, recordContext(index));
    } catch {
      // The first record failing means the file was sealed for someone else (or its start is damaged).
      throw new DeliveryFileError(index === 0 ? 'not-for-us' : 'damaged');
    }
  }
}

function parseJson<T>(bytes: Uint8Array, guard: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(utf8.decode(bytes));
    if (guard(value)) return value;
  } catch {
    // Falls through to the same verdict as a failed guard.
  }
  throw new DeliveryFileError('damaged');
}

function isManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.interviewId === 'string' &&
    typeof v.recorderKey === 'string' &&
    Array.isArray(v.tracks) &&
    v.tracks.length <= 64 &&
    v.tracks.every((t: unknown) => {
      if (typeof t !== 'object' || t === null) return false;
      const track = t as Record<string, unknown>;
      return (
        isTrackOffer(track.offer) &&
        Number.isSafeInteger(track.from) &&
        (track.from as number) >= 0 &&
        (track.from as number) < track.offer.count &&
        (track.from === 0 ? track.previous === null : typeof track.previous === 'string' && /^[0-9a-f]{64}$/.test(track.previous))
      );
    })
  );
}

type SliceHeader = { track: number; seq: number; info: SliceInfo };

function isSliceHeader(value: unknown): value is SliceHeader {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Number.isSafeInteger(v.track) && Number.isSafeInteger(v.seq) && isSliceInfoMessage(v.info);
}

function splitSlice(plain: Uint8Array): { header: SliceHeader; bytes: Uint8Array } {
  if (plain.byteLength < 4) throw new DeliveryFileError('damaged');
  const headerLength = new DataView(plain.buffer, plain.byteOffset).getUint32(0);
  if (4 + headerLength > plain.byteLength) throw new DeliveryFileError('damaged');
  const header = parseJson(plain.subarray(4, 4 + headerLength), isSliceHeader);
  return { header, bytes: plain.slice(4 + headerLength) };
}

export interface DeliveryFileTarget {
  interviewId: InterviewId;
  /** The interviewers' delivery secret key (X25519). */
  secretKey: Uint8Array;
  /** The recorder's device key pinned for this interview. */
  recorderKey: Uint8Array;
  target: DeliveryTarget;
}

/** A track of a checked file: what the manifest says, and the chain link after each of its slices in the file. */
type CheckedTrack = ManifestTrack & { links: string[] };

/**
 * First pass: open every record, check the manifest's signatures and that
 * each track's slices follow its chain from `previous` to the signed head.
 */
async function check(file: Blob, { interviewId, secretKey, recorderKey }: DeliveryFileTarget): Promise<CheckedTrack[]> {
  const reader = records(file, secretKey);
  const first = await reader.next();
  if (first.done === true) throw new DeliveryFileError('damaged');
  const manifest = parseJson(first.value, isManifest);
  if (manifest.interviewId !== interviewId) throw new DeliveryFileError('other-interview');
  const fileKey = fromBase64Url(manifest.recorderKey);
  if (fileKey?.length !== PUBLIC_KEY_LENGTH || !bytesEqual(fileKey, recorderKey)) throw new DeliveryFileError('other-device');
  if (!manifest.tracks.every(({ offer }) => verifyOffer(recorderKey, interviewId, offer))) throw new DeliveryFileError('damaged');

  const checked: CheckedTrack[] = [];
  for (const [index, track] of manifest.tracks.entries()) {
    const links: string[] = [];
    let link = track.previous === null ? CHAIN_START : hexToBytes(track.previous);
    for (let seq = track.from; seq < track.offer.count; seq++) {
      const next = await reader.next();
      if (next.done === true) throw new DeliveryFileError('damaged');
      const { header, bytes } = splitSlice(next.value);
      if (header.track !== index || header.seq !== seq || bytes.byteLength !== header.info.bytes) throw new DeliveryFileError('damaged');
      const hash = await sha256Async(bytes);
      link = nextChainLink(link, seq, hash);
      if (bytesToHex(hash) !== header.info.hash || bytesToHex(link) !== header.info.chain) throw new DeliveryFileError('damaged');
      links.push(header.info.chain);
    }
    if (bytesToHex(link) !== track.offer.head) throw new DeliveryFileError('damaged');
    checked.push({ ...track, links });
  }
  if ((await reader.next()).done !== true) throw new DeliveryFileError('damaged');
  return checked;
}

/** Checks a delivery file whole, then stores the slices we lack. Returns how many were new. */
export async function importDeliveryFile(file: Blob, options: DeliveryFileTarget): Promise<{ added: number }> {
  const checked = await check(file, options);
  const stores = await Promise.all(checked.map(({ offer }) => options.target(offer)));
  // Our copy must reach where the file starts, and agree with the file where they overlap.
  for (const [index, { from, previous, links }] of checked.entries()) {
    const { held, head } = stores[index] as DeliveredStore;
    if (held < from) throw new DeliveryFileError('gap');
    const expected = held === from ? previous : links[held - from - 1];
    if (held > 0 && expected !== undefined && head !== expected) throw new DeliveryFileError('damaged');
  }
  let added = 0;
  const reader = records(file, options.secretKey);
  await reader.next();
  for await (const plain of reader) {
    const { header, bytes } = splitSlice(plain);
    // The first pass matched every header to its track.
    const store = stores[header.track] as DeliveredStore;
    if (header.seq < store.held) continue;
    if ((await store.put(header.seq, bytes, header.info)) !== null) throw new DeliveryFileError('damaged');
    added++;
  }
  return { added };
}
