/** Layouts Chromium's MediaRecorder does not produce today but other muxers (and alpha video) do. */
import { describe, expect, it } from 'vitest';
import { analyzeWebm } from '../../../src/media/webm';
import { element, encodeFloat64, encodeSize, Id, readSize, uintElement } from '../../../src/media/webm/ebml';
import { assemble, pieces } from './fixtures';
import { inspectWebm } from './inspect';

const TAGS_PAYLOAD = element(0x7373, [element(0x67c8, [element(0x45a3, new TextEncoder().encode('TITLE'))])]);

function block(track: number, relative: number, flags: number): Uint8Array {
  return Uint8Array.from([0x80 | track, (relative >> 8) & 0xff, relative & 0xff, flags, 0xde, 0xad, 0xbe, 0xef]);
}

/** A video-only file with known sizes everywhere, BlockGroups, a stale Duration, a Void and Tags. */
function sample(): Uint8Array {
  const cluster = (time: number, children: Uint8Array[]) => element(Id.Cluster, [uintElement(Id.Timecode, time), ...children]);
  const group = (relative: number, reference: boolean, duration?: number) =>
    element(Id.BlockGroup, [
      element(Id.Block, block(1, relative, 0)),
      ...(reference ? [element(Id.ReferenceBlock, Uint8Array.from([0xd8]))] : []),
      ...(duration === undefined ? [] : [uintElement(Id.BlockDuration, duration)]),
    ]);
  return Uint8Array.from([
    ...element(Id.EBML, [element(Id.DocType, new TextEncoder().encode('webm'))]),
    ...element(Id.Segment, [
      element(Id.Info, [uintElement(Id.TimecodeScale, 1_000_000), element(Id.Duration, encodeFloat64(123))]),
      element(Id.Tracks, [element(Id.TrackEntry, [uintElement(Id.TrackNumber, 1), uintElement(Id.TrackType, 1)])]),
      element(Id.Void, new Uint8Array(10)),
      element(Id.Tags, TAGS_PAYLOAD),
      cluster(0, [group(0, false), group(40, true)]),
      cluster(1000, [group(0, false), group(40, true, 40)]),
      // A keyframe in the middle of a Cluster, as Chromium writes them: the cue names the Cluster and the keyframe's time.
      cluster(2000, [element(Id.SimpleBlock, block(1, 0, 0)), element(Id.SimpleBlock, block(1, 40, 0x80)), element(Id.SimpleBlock, block(1, 80, 0))]),
    ]),
  ]);
}

describe('analyzeWebm on other layouts', () => {
  it('handles known sizes, BlockGroups, a stale Duration and extra metadata', async () => {
    const input = sample();
    const layout = await analyzeWebm(pieces(input, 5));
    const fixed = assemble(input, layout);
    const inspected = inspectWebm(fixed);

    // Last block at 2080 ticks; its length is the gap before it (40).
    expect(layout.durationMs).toBe(2120);
    expect(inspected.durationTicks).toBe(2120);
    // BlockGroups with a ReferenceBlock are not keyframes; the rest are.
    expect(inspected.cues.map((c) => c.time)).toEqual([0, 1000, 2040]);
    for (const cue of inspected.cues) {
      expect([...fixed.subarray(inspected.segmentDataStart + cue.clusterPosition, inspected.segmentDataStart + cue.clusterPosition + 4)]).toEqual([
        0x1f, 0x43, 0xb6, 0x75,
      ]);
    }
    // The old Void is gone, Tags are kept and indexed.
    expect(inspected.metadataIds).toEqual([Id.SeekHead, Id.Info, Id.Tracks, Id.Tags, Id.Cues]);
    const tags = inspected.seeks.find((s) => s.id === Id.Tags)!;
    expect([...fixed.subarray(inspected.segmentDataStart + tags.position, inspected.segmentDataStart + tags.position + 4)]).toEqual([0x12, 0x54, 0xc3, 0x67]);
    expect(inspected.segmentSize).toBe(fixed.length - inspected.segmentDataStart);
  });

  it('uses BlockDuration for the last frame when the muxer gives one', async () => {
    const input = Uint8Array.from([
      ...element(Id.EBML, [element(Id.DocType, new TextEncoder().encode('webm'))]),
      ...element(Id.Segment, [
        element(Id.Tracks, [element(Id.TrackEntry, [uintElement(Id.TrackNumber, 1), uintElement(Id.TrackType, 2)])]),
        element(Id.Cluster, [
          uintElement(Id.Timecode, 0),
          element(Id.SimpleBlock, block(1, 0, 0x80)),
          element(Id.BlockGroup, [element(Id.Block, block(1, 20, 0)), uintElement(Id.BlockDuration, 7)]),
        ]),
      ]),
    ]);
    expect((await analyzeWebm(pieces(input, 3))).durationMs).toBe(27);
  });
});

describe('EBML sizes', () => {
  it.each([0, 1, 126, 127, 128, 16_382, 16_383, 2 ** 21, 2 ** 40])('round-trips %i', (size) => {
    const bytes = encodeSize(size);
    expect(readSize(bytes, 0, bytes.length)).toBe(size);
    const fixed = encodeSize(size, true);
    expect(fixed.length).toBe(8);
    expect(readSize(fixed, 0, 8)).toBe(size);
  });

  it('never writes the reserved unknown-size pattern for a real size', () => {
    expect([...encodeSize(127)]).toEqual([0x40, 0x7f]);
    expect(readSize(Uint8Array.from([0xff]), 0, 1)).toBeNull();
    expect(readSize(Uint8Array.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0, 8)).toBeNull();
  });
});
