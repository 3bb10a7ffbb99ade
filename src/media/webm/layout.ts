/**
 * Writes the new metadata that goes in front of the untouched Clusters:
 * EBML header, Segment (known size), SeekHead, Info with Duration, Tracks,
 * other kept elements, Cues.
 *
 * Positions in SeekHead and Cues are written as 8-byte integers so that no
 * element's size depends on where the others land: one pass, no fixed point.
 */
import type { Timeline } from './clusters';
import { concatBytes, element, elementHeader, encodeFloat64, encodeId, Id, uintElement } from './ebml';
import type { Preamble } from './preamble';

/** Segment children a SeekHead points to. */
const INDEXED = new Set<number>([Id.Info, Id.Tracks, Id.Tags, Id.Chapters, Id.Attachments, Id.Cues]);

function seekHead(entries: readonly { id: number; position: number }[]): Uint8Array {
  return element(
    Id.SeekHead,
    entries.map(({ id, position }) => element(Id.Seek, [element(Id.SeekID, encodeId(id)), uintElement(Id.SeekPosition, position, true)])),
  );
}

/** Cues for the Clusters once they start `clustersAt` bytes into the new Segment's payload. */
function cues(timeline: Timeline, bodyOffset: number, clustersAt: number): Uint8Array | null {
  if (timeline.cues.length === 0) return null;
  return element(
    Id.Cues,
    timeline.cues.map((cue) =>
      element(Id.CuePoint, [
        uintElement(Id.CueTime, cue.time),
        element(Id.CueTrackPositions, [
          uintElement(Id.CueTrack, cue.track),
          uintElement(Id.CueClusterPosition, clustersAt + (cue.clusterStart - bodyOffset), true),
        ]),
      ]),
    ),
  );
}

/** The header bytes: `header ‖ input[bodyOffset, timeline.bodyEnd)` is the seekable file. */
export function buildHeader(preamble: Preamble, timeline: Timeline): Uint8Array<ArrayBuffer> {
  const bodyOffset = preamble.firstCluster.start;
  const info = element(Id.Info, [...preamble.infoChildren, element(Id.Duration, encodeFloat64(timeline.endTime))]);
  const middle = [{ id: Id.Info, bytes: info }, { id: Id.Tracks, bytes: preamble.tracks }, ...preamble.extras];
  const cuesLength = cues(timeline, bodyOffset, 0)?.length ?? 0;

  // Sizes first (they do not depend on positions), then the real positions.
  const indexedIds = [...middle.map((part) => part.id).filter((id) => INDEXED.has(id)), ...(cuesLength ? [Id.Cues] : [])];
  let at = seekHead(indexedIds.map((id) => ({ id, position: 0 }))).length;
  const entries: { id: number; position: number }[] = [];
  for (const part of middle) {
    if (INDEXED.has(part.id)) entries.push({ id: part.id, position: at });
    at += part.bytes.length;
  }
  if (cuesLength) entries.push({ id: Id.Cues, position: at });
  const clustersAt = at + cuesLength;
  const finalCues = cues(timeline, bodyOffset, clustersAt);

  return concatBytes([
    preamble.ebmlHeader,
    elementHeader(Id.Segment, clustersAt + (timeline.bodyEnd - bodyOffset)),
    seekHead(entries),
    ...middle.map((part) => part.bytes),
    ...(finalCues ? [finalCues] : []),
  ]);
}
