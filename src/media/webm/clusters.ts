/**
 * One pass over the Clusters: where each one starts, the time of every block
 * and which blocks are keyframes. Only block headers are read; frame data is
 * skipped, so memory stays flat however long the recording.
 */
import type { ChunkReader, ElementHeader } from './chunk-reader';
import { Id, LEVEL1_IDS, readSize, readUint, TrackType, vintLength } from './ebml';
import { WebmError } from './errors';
import type { Preamble, TrackInfo } from './preamble';

/** Closer cues than this make the header bigger without making seeking faster: decoding a second is cheap. */
const MIN_CUE_GAP_MS = 1000;
/** Track number vint (at most 8 bytes), 16-bit relative timestamp, flags. */
const MAX_BLOCK_HEADER = 11;

/** One CuePoint to write: a keyframe of the indexed track and the Cluster holding it. */
export interface CuePoint {
  /** Timestamp in TimecodeScale ticks. */
  time: number;
  track: number;
  /** Absolute offset of the Cluster in the input. */
  clusterStart: number;
}

/** What the pass over the Clusters learned. */
export interface Timeline {
  cues: CuePoint[];
  /** End of the last frame, in ticks. */
  endTime: number;
  /** Absolute offset where the Segment's content ends in the input. */
  bodyEnd: number;
  /** The input stopped inside an element; `bodyEnd` is the end of the last complete one. */
  cutTail: boolean;
}

interface TrackClock {
  last: number;
  /** Gap between the last two blocks: the best guess for the last frame's length when nothing says it. */
  step: number | null;
  /** BlockDuration of the last block, when it came in a BlockGroup that had one. */
  ownDuration: number | null;
}

interface BlockHeader {
  track: number;
  relativeTime: number;
  keyframe: boolean;
}

/** The track to index: video, where a seek must land on a keyframe; else audio, where every block is one. */
function cueTrackOf(tracks: readonly TrackInfo[]): number | null {
  const video = tracks.find((track) => track.type === TrackType.video);
  const audio = tracks.find((track) => track.type === TrackType.audio);
  return (video ?? audio ?? tracks[0])?.number ?? null;
}

async function readBlockHeader(reader: ChunkReader, header: ElementHeader, size: number): Promise<BlockHeader> {
  const head = await reader.peek(Math.min(size, MAX_BLOCK_HEADER));
  if (head.length < Math.min(size, MAX_BLOCK_HEADER)) throw new WebmError('truncated', header.start, 'block cut short');
  const trackLength = vintLength(head[0] ?? 0);
  if (trackLength === 0 || trackLength + 3 > head.length) throw new WebmError('malformed', header.start, 'bad block header');
  const track = readSize(head, 0, trackLength);
  if (!track) throw new WebmError('malformed', header.start, 'bad block track number');
  const high = head[trackLength] ?? 0;
  const relativeTime = ((high << 8) | (head[trackLength + 1] ?? 0)) - (high & 0x80 ? 0x10000 : 0);
  const flags = head[trackLength + 2] ?? 0;
  return { track, relativeTime, keyframe: (flags & 0x80) !== 0 };
}

/**
 * Scans from the first Cluster (header already read) to the end of the Segment.
 * With `tolerateCutTail`, input that stops inside an element (a recording cut
 * by a crash: MediaRecorder slices do not end on element boundaries) ends at
 * the last complete element instead of failing.
 */
export async function scanClusters(reader: ChunkReader, preamble: Preamble, tolerateCutTail = false): Promise<Timeline> {
  const { segmentEnd, timecodeScale } = preamble;
  const cueTrack = cueTrackOf(preamble.trackList);
  const minCueGap = (MIN_CUE_GAP_MS * 1_000_000) / timecodeScale;
  const defaults = new Map(preamble.trackList.map((track) => [track.number, track.defaultDurationNs]));
  const clocks = new Map<number, TrackClock>();
  const cues: CuePoint[] = [];
  /** End of the last element read whole: where a cut-off input is trimmed to. */
  let completeEnd = preamble.firstCluster.dataStart;

  const noteBlock = (block: BlockHeader, clusterTime: number, clusterStart: number, ownDuration: number | null) => {
    const time = clusterTime + block.relativeTime;
    const clock = clocks.get(block.track);
    if (!clock) clocks.set(block.track, { last: time, step: null, ownDuration });
    else if (time >= clock.last) {
      if (time > clock.last) clock.step = time - clock.last;
      clock.last = time;
      clock.ownDuration = ownDuration;
    }
    const previous = cues.at(-1);
    if (block.track === cueTrack && block.keyframe && (!previous || time - previous.time >= minCueGap)) {
      cues.push({ time: Math.max(0, time), track: block.track, clusterStart });
    }
  };

  /** Reads one BlockGroup: its Block's header, and whether a ReferenceBlock says it is not a keyframe. */
  const scanBlockGroup = async (group: ElementHeader, size: number): Promise<{ block: BlockHeader; duration: number | null }> => {
    const end = group.dataStart + size;
    let block: BlockHeader | null = null;
    let referenced = false;
    let duration: number | null = null;
    while (reader.offset < end) {
      const child = await reader.readHeader();
      if (!child) throw new WebmError('truncated', reader.offset, 'BlockGroup cut short');
      if (child.size === null || child.dataStart + child.size > end) throw new WebmError('malformed', child.start, 'bad BlockGroup child');
      if (child.id === Id.Block) block = await readBlockHeader(reader, child, child.size);
      if (child.id === Id.ReferenceBlock) referenced = true;
      if (child.id === Id.BlockDuration) duration = readUint(await reader.read(child.size));
      else await reader.skip(child.size);
    }
    if (!block) throw new WebmError('malformed', group.start, 'BlockGroup without Block');
    return { block: { ...block, keyframe: !referenced }, duration };
  };

  /** Reads one Cluster; returns the header that ended it when its size was unknown, else null. */
  const scanCluster = async (cluster: ElementHeader): Promise<ElementHeader | null> => {
    const end = cluster.size === null ? segmentEnd : cluster.dataStart + cluster.size;
    let clusterTime: number | null = null;
    for (;;) {
      if (end !== null && reader.offset >= end) return null;
      const child = await reader.readHeader();
      if (!child) {
        if (end !== null) throw new WebmError('truncated', reader.offset, 'Cluster cut short');
        return null;
      }
      // MediaRecorder never closes a Cluster: the next Segment-level element does.
      if (cluster.size === null && LEVEL1_IDS.has(child.id)) return child;
      if (child.size === null || (end !== null && child.dataStart + child.size > end)) {
        throw new WebmError('malformed', child.start, 'bad Cluster child');
      }
      if (child.id === Id.Timecode) {
        clusterTime = readUint(await reader.read(child.size));
        if (clusterTime === null) throw new WebmError('malformed', child.start, 'bad Cluster Timecode');
      } else if (child.id === Id.SimpleBlock || child.id === Id.BlockGroup) {
        if (clusterTime === null) throw new WebmError('malformed', child.start, 'block before Cluster Timecode');
        if (child.id === Id.SimpleBlock) {
          const block = await readBlockHeader(reader, child, child.size);
          await reader.skip(child.size);
          noteBlock(block, clusterTime, cluster.start, null);
        } else {
          const { block, duration } = await scanBlockGroup(child, child.size);
          noteBlock(block, clusterTime, cluster.start, duration);
        }
      } else {
        await reader.skip(child.size);
      }
      completeEnd = reader.offset;
    }
  };

  let cutTail = false;
  let next: ElementHeader | null = preamble.firstCluster;
  try {
    while (next) {
      const header: ElementHeader = next;
      if (header.id === Id.Cluster) {
        completeEnd = header.dataStart;
        next = await scanCluster(header);
      } else {
        // Cues, Tags or Void after the media: part of the body, nothing to learn from them.
        if (header.size === null) throw new WebmError('malformed', header.start, 'unknown size outside a Cluster');
        if (header.id === Id.EBML || header.id === Id.Segment) throw new WebmError('malformed', header.start, 'a second Segment');
        await reader.skip(header.size);
        completeEnd = reader.offset;
        next = null;
      }
      if (!next && !(segmentEnd !== null && reader.offset >= segmentEnd)) next = await reader.readHeader();
    }
  } catch (error) {
    if (!(tolerateCutTail && error instanceof WebmError && error.reason === 'truncated')) throw error;
    cutTail = true;
  }
  if (segmentEnd !== null && reader.offset > segmentEnd) throw new WebmError('malformed', segmentEnd, 'Cluster runs past its Segment');

  if (clocks.size === 0) throw new WebmError('no-media', preamble.firstCluster.start, 'Clusters without blocks');
  let endTime = 0;
  for (const [track, clock] of clocks) {
    const defaultNs = defaults.get(track);
    const frame = clock.ownDuration ?? (defaultNs ? defaultNs / timecodeScale : null) ?? clock.step ?? 0;
    endTime = Math.max(endTime, clock.last + frame);
  }
  return { cues, endTime, bodyEnd: cutTail ? completeEnd : reader.offset, cutTail };
}
