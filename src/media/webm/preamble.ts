/**
 * Everything before the first Cluster: the EBML header, the Segment start,
 * Info and Tracks. Small, so it is read into memory; the old SeekHead, Cues
 * and Duration are dropped because the new header replaces them.
 */
import type { ChunkReader, ElementHeader } from './chunk-reader';
import { childrenOf, element, Id, readFloat, readUint } from './ebml';
import { WebmError } from './errors';

/** Metadata larger than this is not a recording's: refuse it rather than allocate what a bad size asks for. */
const MAX_METADATA_BYTES = 16 * 1024 * 1024;
const DEFAULT_TIMECODE_SCALE = 1_000_000;
const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
const DOC_TYPES = new Set(['webm', 'matroska']);

/** What the fixer needs from a TrackEntry. */
export interface TrackInfo {
  number: number;
  type: number;
  /** DefaultDuration in nanoseconds, when the muxer wrote one. */
  defaultDurationNs: number | null;
}

/** The metadata before the first Cluster, parsed and ready to re-emit. */
export interface Preamble {
  /** The EBML header element, re-encoded from its payload. */
  ebmlHeader: Uint8Array;
  /** Absolute offset of the Segment's payload: positions in SeekHead and Cues count from here. */
  segmentDataStart: number;
  /** Absolute offset where the Segment ends, or null for MediaRecorder's "unknown" size (it runs to the end). */
  segmentEnd: number | null;
  /** Nanoseconds per timestamp tick. */
  timecodeScale: number;
  /** Info's children except Duration, as whole elements. */
  infoChildren: Uint8Array[];
  /** The Tracks element, re-encoded from its payload. */
  tracks: Uint8Array;
  trackList: TrackInfo[];
  /** Other Segment children before the first Cluster (Tags, Chapters…), kept with their ids. */
  extras: { id: number; bytes: Uint8Array }[];
  /** The first Cluster's header, already consumed from the reader. */
  firstCluster: ElementHeader;
}

/** Element ids dropped from the old metadata because the new header writes its own, or they carry nothing. */
const DROPPED = new Set<number>([Id.SeekHead, Id.Cues, Id.Void, 0xbf /* CRC-32: would no longer match */]);

async function readPayload(reader: ChunkReader, header: ElementHeader, budget: { left: number }): Promise<Uint8Array> {
  if (header.size === null) throw new WebmError('malformed', header.start, `element 0x${header.id.toString(16)} has unknown size`);
  budget.left -= header.size;
  if (budget.left < 0) throw new WebmError('malformed', header.start, 'metadata too large');
  return reader.read(header.size);
}

function parseEbmlHeader(payload: Uint8Array, at: number): void {
  const children = childrenOf(payload);
  if (!children) throw new WebmError('not-webm', at, 'unreadable EBML header');
  const docType = children.find((child) => child.id === Id.DocType);
  const name = docType ? new TextDecoder().decode(docType.data).replace(/\0+$/, '') : '';
  if (!DOC_TYPES.has(name)) throw new WebmError('not-webm', at, `DocType "${name}"`);
}

function parseInfo(payload: Uint8Array, at: number): { timecodeScale: number; children: Uint8Array[] } {
  const children = childrenOf(payload);
  if (!children) throw new WebmError('malformed', at, 'unreadable Info');
  let timecodeScale = DEFAULT_TIMECODE_SCALE;
  const kept: Uint8Array[] = [];
  for (const child of children) {
    if (child.id === Id.Duration) {
      if (readFloat(child.data) === null) throw new WebmError('malformed', at + child.start, 'bad Duration');
      continue;
    }
    if (child.id === Id.TimecodeScale) {
      const scale = readUint(child.data);
      if (!scale) throw new WebmError('malformed', at + child.start, 'bad TimecodeScale');
      timecodeScale = scale;
    }
    if (!DROPPED.has(child.id)) kept.push(payload.subarray(child.start, child.end));
  }
  return { timecodeScale, children: kept };
}

function parseTracks(payload: Uint8Array, at: number): TrackInfo[] {
  const entries = childrenOf(payload);
  if (!entries) throw new WebmError('malformed', at, 'unreadable Tracks');
  return entries
    .filter((entry) => entry.id === Id.TrackEntry)
    .map((entry) => {
      const fields = childrenOf(entry.data);
      if (!fields) throw new WebmError('malformed', at + entry.start, 'unreadable TrackEntry');
      const value = (id: number) => {
        const field = fields.find((f) => f.id === id);
        return field ? readUint(field.data) : null;
      };
      const number = value(Id.TrackNumber);
      if (!number) throw new WebmError('malformed', at + entry.start, 'TrackEntry without TrackNumber');
      return { number, type: value(Id.TrackType) ?? 0, defaultDurationNs: value(Id.DefaultDuration) };
    });
}

/** Reads up to and including the first Cluster's header. */
export async function readPreamble(reader: ChunkReader): Promise<Preamble> {
  const magic = await reader.peek(4);
  if (magic.length < 4 || EBML_MAGIC.some((byte, i) => magic[i] !== byte)) throw new WebmError('not-webm', 0, 'no EBML header');
  const budget = { left: MAX_METADATA_BYTES };
  const ebml = await reader.readHeader();
  if (!ebml) throw new WebmError('truncated', 0, 'no EBML header');
  const ebmlPayload = await readPayload(reader, ebml, budget);
  parseEbmlHeader(ebmlPayload, ebml.start);

  let segment = await reader.readHeader();
  while (segment && segment.id === Id.Void && segment.size !== null) {
    await reader.skip(segment.size);
    segment = await reader.readHeader();
  }
  if (!segment) throw new WebmError('no-media', reader.offset, 'no Segment');
  if (segment.id !== Id.Segment) throw new WebmError('malformed', segment.start, 'expected a Segment');
  const segmentEnd = segment.size === null ? null : segment.dataStart + segment.size;

  let info: ReturnType<typeof parseInfo> = { timecodeScale: DEFAULT_TIMECODE_SCALE, children: [] };
  let tracks: { bytes: Uint8Array; list: TrackInfo[] } | null = null;
  const extras: Preamble['extras'] = [];
  for (;;) {
    const header = segmentEnd !== null && reader.offset >= segmentEnd ? null : await reader.readHeader();
    if (!header) throw new WebmError('no-media', reader.offset, 'no Cluster');
    if (header.id === Id.Cluster) {
      if (!tracks) throw new WebmError('no-media', header.start, 'Cluster before Tracks');
      return {
        ebmlHeader: element(Id.EBML, ebmlPayload),
        segmentDataStart: segment.dataStart,
        segmentEnd,
        timecodeScale: info.timecodeScale,
        infoChildren: info.children,
        tracks: tracks.bytes,
        trackList: tracks.list,
        extras,
        firstCluster: header,
      };
    }
    if (header.size !== null && segmentEnd !== null && header.dataStart + header.size > segmentEnd) {
      throw new WebmError('malformed', header.start, 'element runs past its Segment');
    }
    if (header.id === Id.Info) {
      info = parseInfo(await readPayload(reader, header, budget), header.dataStart);
    } else if (header.id === Id.Tracks) {
      const payload = await readPayload(reader, header, budget);
      tracks = { bytes: element(Id.Tracks, payload), list: parseTracks(payload, header.dataStart) };
    } else if (DROPPED.has(header.id)) {
      if (header.size === null) throw new WebmError('malformed', header.start, 'unknown size');
      await reader.skip(header.size);
    } else {
      extras.push({ id: header.id, bytes: element(header.id, await readPayload(reader, header, budget)) });
    }
  }
}
