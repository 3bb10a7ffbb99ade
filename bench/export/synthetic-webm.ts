/**
 * A long, valid WebM made from a short real one: the fixture's metadata, then
 * its Clusters again and again, each loop's Cluster Timecodes shifted past
 * the previous loop's last frame. Blocks are copied byte for byte (their
 * times are relative to their Cluster), so every loop plays and the exporter
 * parses the whole file as it would a real multi-hour recording.
 *
 * Pure byte arithmetic with no DOM and no Node APIs: the bench page and the
 * Node reference run this same code and get the same bytes.
 */
import { childrenOf, Id, LEVEL1_IDS, readId, readSize, readUint, vintLength } from '../../src/media/webm/ebml';

/** One second of 2.5 Mbit/s video plus 128 kbit/s audio: what the recorder hands over per slice. */
export const SLICE_BYTES = (2_500_000 + 128_000) / 8;

/** Cluster id, then the 8-byte "unknown" size MediaRecorder writes. */
const CLUSTER_HEAD = new Uint8Array([0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
/** Timecode id and a size of 4: every rewritten Timecode has the same width, so every loop has the same length. */
const TIMECODE_HEAD = [Id.Timecode, 0x84] as const;
const TIMECODE_BYTES = TIMECODE_HEAD.length + 4;
/** Gap between one loop's last frame and the next loop's first, in milliseconds. */
const LOOP_GAP_MS = 40;

interface Header {
  id: number;
  size: number | null;
  dataStart: number;
}

/** One Cluster of the fixture, split around its Timecode element. */
interface ClusterParts {
  before: Uint8Array;
  timecode: number;
  after: Uint8Array;
}

/** The fixture, cut into what each loop repeats. */
export interface Template {
  /** EBML header, Segment header (unknown size) and everything up to the first Cluster, as recorded. */
  preamble: Uint8Array;
  clusters: ClusterParts[];
  /** Timecode shift from one loop to the next, in TimecodeScale ticks. */
  loopTicks: number;
  /** Bytes one loop adds. */
  loopBytes: number;
  timecodeScale: number;
}

/** The recording to build: the same for every caller given the same fixture and size. */
export interface Plan {
  template: Template;
  loops: number;
  totalBytes: number;
  slices: number;
  sliceBytes: number;
  durationMs: number;
}

function fail(detail: string): never {
  throw new Error(`fixture is not a usable MediaRecorder WebM: ${detail}`);
}

function headerAt(bytes: Uint8Array, at: number): Header {
  const idLength = vintLength(bytes[at] ?? 0);
  if (idLength === 0 || idLength > 4) fail(`bad element id at ${at}`);
  const sizeLength = vintLength(bytes[at + idLength] ?? 0);
  if (sizeLength === 0 || at + idLength + sizeLength > bytes.length) fail(`bad element size at ${at}`);
  return { id: readId(bytes, at, idLength), size: readSize(bytes, at + idLength, sizeLength), dataStart: at + idLength + sizeLength };
}

function knownEnd(bytes: Uint8Array, header: Header): number {
  if (header.size === null || header.dataStart + header.size > bytes.length) fail(`element 0x${header.id.toString(16)} has no usable size`);
  return header.dataStart + header.size;
}

/** A SimpleBlock's time relative to its Cluster: signed 16 bits after the track number. */
function blockTime(bytes: Uint8Array, dataStart: number): number {
  const trackLength = vintLength(bytes[dataStart] ?? 0);
  const high = bytes[dataStart + trackLength] ?? 0;
  const low = bytes[dataStart + trackLength + 1] ?? 0;
  return ((high << 8) | low) - (high & 0x80 ? 0x10000 : 0);
}

/** Reads one Cluster starting at `start`; returns its parts, its end, and the latest block time in it. */
function readCluster(bytes: Uint8Array, start: number): { parts: ClusterParts; end: number; lastTime: number } {
  const cluster = headerAt(bytes, start);
  const limit = cluster.size === null ? bytes.length : knownEnd(bytes, cluster);
  let at = cluster.dataStart;
  let timecode: { value: number; start: number; end: number } | null = null;
  let lastTime = 0;
  while (at < limit) {
    const child = headerAt(bytes, at);
    // A Cluster of unknown size ends where the next Segment-level element begins.
    if (cluster.size === null && LEVEL1_IDS.has(child.id)) break;
    const end = knownEnd(bytes, child);
    if (child.id === Id.Timecode) {
      const value = readUint(bytes.subarray(child.dataStart, end));
      if (value === null) fail(`bad Cluster Timecode at ${at}`);
      timecode = { value, start: at, end };
    } else if (child.id === Id.SimpleBlock) {
      if (timecode === null) fail(`block before the Cluster Timecode at ${at}`);
      lastTime = Math.max(lastTime, timecode.value + blockTime(bytes, child.dataStart));
    } else if (child.id === Id.BlockGroup) {
      fail('BlockGroups are not expected in a MediaRecorder file');
    }
    at = end;
  }
  if (timecode === null) fail(`Cluster at ${start} has no Timecode`);
  const parts = { before: bytes.subarray(cluster.dataStart, timecode.start), timecode: timecode.value, after: bytes.subarray(timecode.end, at) };
  return { parts, end: at, lastTime };
}

function timecodeScaleOf(info: Uint8Array): number {
  const scale = childrenOf(info)?.find((child) => child.id === Id.TimecodeScale);
  return scale ? (readUint(scale.data) ?? fail('bad TimecodeScale')) : 1_000_000;
}

/** Cuts the fixture into its preamble and Clusters. Anything after the last Cluster (Cues, Tags) is dropped. */
export function parseTemplate(fixture: Uint8Array): Template {
  const ebml = headerAt(fixture, 0);
  if (ebml.id !== Id.EBML) fail('no EBML header');
  const segment = headerAt(fixture, knownEnd(fixture, ebml));
  if (segment.id !== Id.Segment || segment.size !== null) fail('expected a Segment of unknown size');
  let at = segment.dataStart;
  let timecodeScale = 1_000_000;
  for (;;) {
    if (at >= fixture.length) fail('no Cluster');
    const header = headerAt(fixture, at);
    if (header.id === Id.Cluster) break;
    const end = knownEnd(fixture, header);
    if (header.id === Id.Info) timecodeScale = timecodeScaleOf(fixture.subarray(header.dataStart, end));
    at = end;
  }
  const preamble = fixture.subarray(0, at);
  const clusters: ClusterParts[] = [];
  let firstTime = Infinity;
  let lastTime = 0;
  while (at < fixture.length && headerAt(fixture, at).id === Id.Cluster) {
    const cluster = readCluster(fixture, at);
    clusters.push(cluster.parts);
    firstTime = Math.min(firstTime, cluster.parts.timecode);
    lastTime = Math.max(lastTime, cluster.lastTime);
    at = cluster.end;
  }
  const loopTicks = lastTime - firstTime + Math.round((LOOP_GAP_MS * 1_000_000) / timecodeScale);
  const loopBytes = clusters.reduce((sum, c) => sum + CLUSTER_HEAD.length + c.before.length + TIMECODE_BYTES + c.after.length, 0);
  return { preamble, clusters, loopTicks, loopBytes, timecodeScale };
}

/** The smallest whole number of loops that reaches `targetBytes`, cut into slices of `sliceBytes`. */
export function planRecording(fixture: Uint8Array, targetBytes: number, sliceBytes = SLICE_BYTES): Plan {
  const template = parseTemplate(fixture);
  const loops = Math.max(1, Math.ceil((targetBytes - template.preamble.length) / template.loopBytes));
  const totalBytes = template.preamble.length + loops * template.loopBytes;
  const lastTimecode = (loops - 1) * template.loopTicks + Math.max(...template.clusters.map((c) => c.timecode));
  if (lastTimecode >= 2 ** 32) throw new RangeError('recording too long for 4-byte Cluster Timecodes');
  return {
    template,
    loops,
    totalBytes,
    slices: Math.ceil(totalBytes / sliceBytes),
    sliceBytes,
    durationMs: (loops * template.loopTicks * template.timecodeScale) / 1_000_000,
  };
}

function timecodeElement(value: number): Uint8Array {
  const out = new Uint8Array(TIMECODE_BYTES);
  out.set(TIMECODE_HEAD);
  new DataView(out.buffer).setUint32(TIMECODE_HEAD.length, value);
  return out;
}

/** The pieces of the recording in order; small arrays, mostly views into the fixture. */
function* pieces(plan: Plan): Generator<Uint8Array> {
  const { template } = plan;
  yield template.preamble;
  for (let loop = 0; loop < plan.loops; loop++) {
    const shift = loop * template.loopTicks;
    for (const cluster of template.clusters) {
      yield CLUSTER_HEAD;
      yield cluster.before;
      yield timecodeElement(cluster.timecode + shift);
      yield cluster.after;
    }
  }
}

/** The recording as the recorder would hand it over: `plan.slices` fresh arrays of `plan.sliceBytes` (the last one shorter). */
export function* recordingSlices(plan: Plan): Generator<Uint8Array> {
  let slice = new Uint8Array(plan.sliceBytes);
  let filled = 0;
  for (const piece of pieces(plan)) {
    for (let at = 0; at < piece.length; ) {
      const count = Math.min(piece.length - at, slice.length - filled);
      slice.set(piece.subarray(at, at + count), filled);
      filled += count;
      at += count;
      if (filled === slice.length) {
        yield slice;
        slice = new Uint8Array(plan.sliceBytes);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield slice.subarray(0, filled);
}
