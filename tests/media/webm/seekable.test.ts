import { describe, expect, it } from 'vitest';
import { analyzeWebm, makeSeekable } from '../../../src/media/webm';
import { assemble, pieces, recording6s, recordingAudio4s } from './fixtures';
import { inspectWebm, type Inspected } from './inspect';

const CLUSTER_ID = [0x1f, 0x43, 0xb6, 0x75];
const ID_BYTES: Record<number, number[]> = { 0x1549a966: [0x15, 0x49, 0xa9, 0x66], 0x1654ae6b: [0x16, 0x54, 0xae, 0x6b], 0x1c53bb6b: [0x1c, 0x53, 0xbb, 0x6b] };

/** Every position the new header declares lands on the element it names, in the fixed file. */
function expectPositionsHold(fixed: Uint8Array, inspected: Inspected) {
  const at = (position: number, length: number) => [...fixed.subarray(inspected.segmentDataStart + position, inspected.segmentDataStart + position + length)];
  expect(inspected.seeks.map((s) => s.id).sort()).toEqual([0x1549a966, 0x1654ae6b, 0x1c53bb6b].sort());
  for (const seek of inspected.seeks) expect(at(seek.position, 4)).toEqual(ID_BYTES[seek.id]);
  expect(inspected.cues.length).toBeGreaterThan(0);
  for (const cue of inspected.cues) {
    expect(at(cue.clusterPosition, 4)).toEqual(CLUSTER_ID);
    // The cue names a keyframe of its track inside that Cluster, at exactly its time.
    const cluster = inspected.clusters.find((c) => c.start === inspected.segmentDataStart + cue.clusterPosition)!;
    expect(cluster.blocks).toContainEqual({ track: cue.track, time: cue.time, keyframe: true });
  }
  expect(inspected.segmentSize).toBe(fixed.length - inspected.segmentDataStart);
}

describe('analyzeWebm on a real Chromium recording', () => {
  it('finds the duration of a 6 s recording fed in 4 KB pieces', async () => {
    const layout = await analyzeWebm(pieces(recording6s, 4096));
    expect(Math.abs(layout.durationMs - 6000)).toBeLessThanOrEqual(300);
    expect(layout.bodyEnd).toBe(recording6s.length);
    expect(layout.cueCount).toBeGreaterThan(0);
  });

  it('gives the same answer wherever the chunk boundaries fall', async () => {
    const whole = await analyzeWebm(pieces(recording6s, recording6s.length));
    for (const size of [1, 7, 4096, 65_536]) {
      const layout = await analyzeWebm(pieces(recording6s, size));
      expect(layout).toEqual(whole);
    }
  });

  it('writes a header whose Duration, SeekHead and Cues hold in the fixed file', async () => {
    const layout = await analyzeWebm(pieces(recording6s, 4096));
    const fixed = assemble(recording6s, layout);
    const inspected = inspectWebm(fixed);
    expect(inspected.durationTicks! * (inspected.timecodeScale / 1e6)).toBeCloseTo(layout.durationMs, 6);
    expectPositionsHold(fixed, inspected);
    // Chromium's VP8 track is the one indexed: a seek must land on a video keyframe.
    expect(inspected.cues.every((cue) => cue.track === 2)).toBe(true);
  });

  it('keeps the original body byte for byte after the header', async () => {
    const layout = await analyzeWebm(pieces(recording6s, 4096));
    const fixed = assemble(recording6s, layout);
    expect(Buffer.compare(fixed.subarray(layout.header.length), recording6s.subarray(layout.bodyOffset))).toBe(0);
    const original = inspectWebm(recording6s);
    expect(original.durationTicks).toBeNull();
    expect(original.cues).toEqual([]);
    expect(inspectWebm(fixed).clusters.map((c) => c.blocks)).toEqual(original.clusters.map((c) => c.blocks));
  });

  it('re-analyzes its own output to the same duration and the same header', async () => {
    const first = await analyzeWebm(pieces(recording6s, 4096));
    const fixed = assemble(recording6s, first);
    const second = await analyzeWebm(pieces(fixed, 4096));
    expect(second.durationMs).toBe(first.durationMs);
    expect(second.bodyOffset).toBe(first.header.length);
    expect(second.header).toEqual(first.header);
    expectPositionsHold(fixed, inspectWebm(fixed));
  });

  it('indexes the audio track of an audio-only recording', async () => {
    const layout = await analyzeWebm(pieces(recordingAudio4s, 4096));
    expect(Math.abs(layout.durationMs - 4000)).toBeLessThanOrEqual(300);
    const fixed = assemble(recordingAudio4s, layout);
    const inspected = inspectWebm(fixed);
    expectPositionsHold(fixed, inspected);
    expect(inspected.cues.every((cue) => cue.track === 1)).toBe(true);
    // Opus blocks are all keyframes: one cue a second, not one per block.
    expect(inspected.cues.length).toBeGreaterThanOrEqual(3);
    expect(inspected.cues.length).toBeLessThanOrEqual(5);
  });
});

describe('makeSeekable', () => {
  it('returns header ‖ original body as a Blob of the same type', async () => {
    const source = new Blob([recording6s], { type: 'video/webm' });
    const fixed = await makeSeekable(source);
    const layout = await analyzeWebm(pieces(recording6s, 4096));
    expect(fixed.type).toBe('video/webm');
    expect(Buffer.compare(new Uint8Array(await fixed.arrayBuffer()), assemble(recording6s, layout))).toBe(0);
  });
});
