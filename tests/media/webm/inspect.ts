/**
 * A test oracle: walks a whole WebM in memory with its own minimal EBML
 * reading (independent of the code under test) and reports what a player
 * would rely on: SeekHead, Duration, Cues, where Clusters and keyframes are.
 */

export interface Inspected {
  segmentDataStart: number;
  segmentSize: number | null;
  timecodeScale: number;
  durationTicks: number | null;
  seeks: { id: number; position: number }[];
  cues: { time: number; track: number; clusterPosition: number }[];
  clusters: { start: number; time: number; blocks: { track: number; time: number; keyframe: boolean }[] }[];
  /** Ids of the Segment's children before the first Cluster, in order. */
  metadataIds: number[];
}

interface Node {
  id: number;
  start: number;
  dataStart: number;
  end: number;
  unknown: boolean;
}

const LEVEL1 = new Set([0x114d9b74, 0x1549a966, 0x1654ae6b, 0x1f43b675, 0x1c53bb6b, 0x1254c367]);

function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } {
  const first = bytes[at]!;
  const length = Math.clz32(first) - 23;
  if (length < 1 || length > 8) throw new Error(`bad vint at ${at}`);
  let value = keepMarker ? first : first & (0xff >> length);
  let ones = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    ones &&= bytes[at + i] === 0xff;
  }
  return { value, length, unknown: !keepMarker && ones };
}

function node(bytes: Uint8Array, at: number, parentEnd: number): Node {
  const id = vint(bytes, at, true);
  const size = vint(bytes, at + id.length, false);
  const dataStart = at + id.length + size.length;
  return { id: id.value, start: at, dataStart, end: size.unknown ? parentEnd : dataStart + size.value, unknown: size.unknown };
}

function uint(bytes: Uint8Array, n: Node): number {
  let value = 0;
  for (let i = n.dataStart; i < n.end; i++) value = value * 256 + bytes[i]!;
  return value;
}

function* children(bytes: Uint8Array, parent: Node): Generator<Node> {
  let at = parent.dataStart;
  while (at < parent.end) {
    const child = node(bytes, at, parent.end);
    // An unknown-size Cluster ends where the next Segment-level element starts.
    if (parent.unknown && LEVEL1.has(child.id)) return;
    if (child.unknown) throw new Error(`unexpected unknown size at ${at}`);
    yield child;
    at = child.end;
  }
}

export function inspectWebm(bytes: Uint8Array): Inspected {
  const ebml = node(bytes, 0, bytes.length);
  if (ebml.id !== 0x1a45dfa3) throw new Error('no EBML header');
  const segment = node(bytes, ebml.end, bytes.length);
  if (segment.id !== 0x18538067) throw new Error('no Segment');
  const result: Inspected = {
    segmentDataStart: segment.dataStart,
    segmentSize: segment.unknown ? null : segment.end - segment.dataStart,
    timecodeScale: 1_000_000,
    durationTicks: null,
    seeks: [],
    cues: [],
    clusters: [],
    metadataIds: [],
  };
  let at = segment.dataStart;
  while (at < segment.end) {
    const top = node(bytes, at, segment.end);
    if (top.id !== 0x1f43b675 && result.clusters.length === 0) result.metadataIds.push(top.id);
    if (top.id === 0x114d9b74) {
      for (const seek of children(bytes, top)) {
        const fields = [...children(bytes, seek)];
        const id = fields.find((f) => f.id === 0x53ab)!;
        result.seeks.push({ id: uint(bytes, id), position: uint(bytes, fields.find((f) => f.id === 0x53ac)!) });
      }
    } else if (top.id === 0x1549a966) {
      for (const field of children(bytes, top)) {
        if (field.id === 0x2ad7b1) result.timecodeScale = uint(bytes, field);
        if (field.id === 0x4489) result.durationTicks = new DataView(bytes.buffer, bytes.byteOffset + field.dataStart, 8).getFloat64(0);
      }
    } else if (top.id === 0x1c53bb6b) {
      for (const point of children(bytes, top)) {
        const fields = [...children(bytes, point)];
        const positions = [...children(bytes, fields.find((f) => f.id === 0xb7)!)];
        result.cues.push({
          time: uint(bytes, fields.find((f) => f.id === 0xb3)!),
          track: uint(bytes, positions.find((f) => f.id === 0xf7)!),
          clusterPosition: uint(bytes, positions.find((f) => f.id === 0xf1)!),
        });
      }
    } else if (top.id === 0x1f43b675) {
      const cluster = { start: top.start, time: 0, blocks: [] as Inspected['clusters'][number]['blocks'] };
      let last = top.dataStart;
      for (const child of children(bytes, top)) {
        last = child.end;
        if (child.id === 0xe7) cluster.time = uint(bytes, child);
        const block = child.id === 0xa3 ? child : child.id === 0xa0 ? [...children(bytes, child)].find((c) => c.id === 0xa1) : undefined;
        if (!block) continue;
        const track = vint(bytes, block.dataStart, false);
        const relative = new DataView(bytes.buffer, bytes.byteOffset + block.dataStart + track.length, 2).getInt16(0);
        const keyframe =
          child.id === 0xa3 ? (bytes[block.dataStart + track.length + 2]! & 0x80) !== 0 : ![...children(bytes, child)].some((c) => c.id === 0xfb);
        cluster.blocks.push({ track: track.value, time: cluster.time + relative, keyframe });
      }
      result.clusters.push(cluster);
      at = top.unknown ? last : top.end;
      continue;
    }
    at = top.end;
  }
  return result;
}
