import { describe, expect, it } from 'vitest';
import { analyzeWebm, WebmError } from '../../../src/media/webm';
import { assemble, pieces, recording6s } from './fixtures';

/** A crash can stop a recording in the middle of a block: MediaRecorder slices do not end on element boundaries. */
describe('analyzeWebm with tolerateCutTail', () => {
  it.each([
    ['in the middle of the media', Math.floor(recording6s.length / 2)],
    ['one byte before the end', recording6s.length - 1],
    ['a third of the way in', Math.floor(recording6s.length / 3)],
  ])('trims a recording cut %s to its last whole element', async (_where, length) => {
    const cut = recording6s.slice(0, length);
    const layout = await analyzeWebm(pieces(cut, 4096), { tolerateCutTail: true });
    expect(layout.cutTail).toBe(true);
    expect(layout.bodyEnd).toBeLessThanOrEqual(length);
    expect(layout.durationMs).toBeGreaterThan(0);
    expect(layout.durationMs).toBeLessThanOrEqual(6000);

    // What a player gets is a whole file: strict analysis accepts it and agrees.
    const fixed = assemble(cut, layout);
    const again = await analyzeWebm(pieces(fixed, 4096));
    expect(again.cutTail).toBe(false);
    expect(again.durationMs).toBe(layout.durationMs);
  });

  it('loses at most the cut element: a file cut one byte short keeps nearly all of its length', async () => {
    const whole = await analyzeWebm(pieces(recording6s, 4096));
    const cut = await analyzeWebm(pieces(recording6s.slice(0, -1), 4096), { tolerateCutTail: true });
    expect(whole.cutTail).toBe(false);
    expect(whole.durationMs - cut.durationMs).toBeLessThan(200);
  });

  it('still refuses a file cut inside its header', async () => {
    const error: unknown = await analyzeWebm(pieces(recording6s.slice(0, 120), 4096), { tolerateCutTail: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebmError);
    expect((error as WebmError).reason).toBe('truncated');
  });
});
