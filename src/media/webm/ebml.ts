/**
 * The EBML primitives the fixer needs: element ids, variable-length integers
 * and the few value types we read or write. Pure byte arithmetic on
 * Uint8Array, so it runs unchanged in the browser and in Node.
 */

/** Element ids, written with their length-marker bits as in the Matroska spec. */
export const Id = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekID: 0x53ab,
  SeekPosition: 0x53ac,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  DefaultDuration: 0x23e383,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  BlockDuration: 0x9b,
  ReferenceBlock: 0xfb,
  Cues: 0x1c53bb6b,
  CuePoint: 0xbb,
  CueTime: 0xb3,
  CueTrackPositions: 0xb7,
  CueTrack: 0xf7,
  CueClusterPosition: 0xf1,
  Tags: 0x1254c367,
  Chapters: 0x1043a770,
  Attachments: 0x1941a469,
  Void: 0xec,
} as const;

/** Segment children: in a Cluster of unknown size, meeting one of these ends the Cluster. */
export const LEVEL1_IDS: ReadonlySet<number> = new Set([
  Id.SeekHead,
  Id.Info,
  Id.Tracks,
  Id.Cluster,
  Id.Cues,
  Id.Tags,
  Id.Chapters,
  Id.Attachments,
  Id.EBML,
  Id.Segment,
]);

/** Matroska TrackType values we act on. */
export const TrackType = { video: 1, audio: 2 } as const;

/** Length of a vint from its first byte (1..8), or 0 when the byte cannot start one. */
export function vintLength(first: number): number {
  for (let length = 1; length <= 8; length++) if (first & (0x100 >> length)) return length;
  return 0;
}

/** An element id (marker bits kept) from `length` bytes at `at`. */
export function readId(bytes: Uint8Array, at: number, length: number): number {
  let id = 0;
  for (let i = 0; i < length; i++) id = id * 256 + (bytes[at + i] ?? 0);
  return id;
}

/** An element size from `length` bytes at `at`: a number, or null for "unknown" (all value bits set). */
export function readSize(bytes: Uint8Array, at: number, length: number): number | null {
  let value = (bytes[at] ?? 0) & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i] ?? 0;
    allOnes &&= byte === 0xff;
    value = value * 256 + byte;
  }
  return allOnes ? null : value;
}

/** A big-endian unsigned integer element value; null when it does not fit a JS number exactly. */
export function readUint(bytes: Uint8Array): number | null {
  if (bytes.length > 8) return null;
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return Number.isSafeInteger(value) ? value : null;
}

/** A float element value (4 or 8 bytes, big-endian); null for other lengths. */
export function readFloat(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length === 4) return view.getFloat32(0);
  if (bytes.length === 8) return view.getFloat64(0);
  return bytes.length === 0 ? 0 : null;
}

/** Joins byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function idBytes(id: number): Uint8Array {
  const length = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  return uintBytes(id, length);
}

/** `value` big-endian in exactly `length` bytes. */
function uintBytes(value: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1, rest = value; i >= 0; i--, rest = Math.floor(rest / 256)) out[i] = rest % 256;
  return out;
}

/** A size vint; 8 bytes when `fixed`, else the shortest that is not the reserved "unknown" pattern. */
export function encodeSize(size: number, fixed = false): Uint8Array {
  let length = 8;
  if (!fixed) for (length = 1; length < 8 && size >= 2 ** (7 * length) - 1; length++);
  const out = uintBytes(size, length);
  out[0] = (out[0] ?? 0) | (0x100 >> length);
  return out;
}

/** An unsigned integer value: the shortest encoding, or 8 bytes when its size must not depend on the value. */
export function encodeUint(value: number, fixed = false): Uint8Array {
  let length = 8;
  if (!fixed) for (length = 1; length < 8 && value >= 2 ** (8 * length); length++);
  return uintBytes(value, length);
}

/** A float value in 8 bytes, as Duration is written. */
export function encodeFloat64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setFloat64(0, value);
  return out;
}

/** A whole element: id, size, payload. */
export function element(id: number, payload: Uint8Array | readonly Uint8Array[]): Uint8Array {
  const data = payload instanceof Uint8Array ? payload : concatBytes(payload);
  return concatBytes([idBytes(id), encodeSize(data.length), data]);
}

/** An element whose payload is an unsigned integer. */
export function uintElement(id: number, value: number, fixed = false): Uint8Array {
  return element(id, encodeUint(value, fixed));
}

/** An element header whose size is given (and written in 8 bytes) while the payload follows separately. */
export function elementHeader(id: number, size: number): Uint8Array {
  return concatBytes([idBytes(id), encodeSize(size, true)]);
}

/** The id of an element as its on-disk bytes, for SeekID. */
export function encodeId(id: number): Uint8Array {
  return idBytes(id);
}

/** One child of an in-memory master element payload. */
export interface ChildElement {
  id: number;
  /** Offset of the child's id within the payload. */
  start: number;
  /** Offset just past the child. */
  end: number;
  data: Uint8Array;
}

/**
 * The children of a master element already in memory (Info, Tracks, a
 * TrackEntry). Returns null when the payload is not a clean sequence of
 * known-size children.
 */
export function childrenOf(payload: Uint8Array): ChildElement[] | null {
  const children: ChildElement[] = [];
  let at = 0;
  while (at < payload.length) {
    const idLength = vintLength(payload[at] ?? 0);
    if (idLength === 0 || idLength > 4 || at + idLength >= payload.length) return null;
    const sizeLength = vintLength(payload[at + idLength] ?? 0);
    if (sizeLength === 0 || at + idLength + sizeLength > payload.length) return null;
    const size = readSize(payload, at + idLength, sizeLength);
    const dataStart = at + idLength + sizeLength;
    if (size === null || dataStart + size > payload.length) return null;
    const id = readId(payload, at, idLength);
    children.push({ id, start: at, end: dataStart + size, data: payload.subarray(dataStart, dataStart + size) });
    at = dataStart + size;
  }
  return children;
}
