import { describe, expect, it } from 'vitest';
import { analyzeWebm, WebmError, type WebmFailure } from '../../../src/media/webm';
import { pieces, recording6s } from './fixtures';

async function failureOf(bytes: Uint8Array): Promise<WebmError> {
  const error: unknown = await analyzeWebm(pieces(bytes, 4096)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebmError);
  return error as WebmError;
}

const text = new TextEncoder().encode('<!doctype html><title>not a video</title>');

describe('analyzeWebm on bad input', () => {
  it.each<[string, Uint8Array, WebmFailure]>([
    ['empty input', new Uint8Array(0), 'not-webm'],
    ['HTML', text, 'not-webm'],
    ['random bytes', Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251), 'not-webm'],
    ['an MP4 header', Uint8Array.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]), 'not-webm'],
    ['Matroska magic with another DocType', Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x87, 0x42, 0x82, 0x84, 0x61, 0x62, 0x63, 0x64]), 'not-webm'],
  ])('rejects %s as not-webm', async (_name, bytes, reason) => {
    expect((await failureOf(bytes)).reason).toBe(reason);
  });

  it.each([
    ['inside the EBML header', 20],
    ['inside Tracks', 120],
    ['inside the first block', 1000],
    ['in the middle of the media', Math.floor(recording6s.length / 2)],
    ['one byte before the end', recording6s.length - 1],
  ])('reports a file cut %s as truncated', async (_where, length) => {
    const error = await failureOf(recording6s.slice(0, length));
    expect(error.reason).toBe('truncated');
    expect(error.offset).toBeLessThanOrEqual(length);
    expect(error.message).toContain('truncated');
  });

  it('reports a header-only file as having no media', async () => {
    expect((await failureOf(recording6s.slice(0, 188))).reason).toBe('no-media');
  });

  it('reports a corrupted block id as malformed', async () => {
    const broken = recording6s.slice();
    broken[3095] = 0x00; // the id byte of a SimpleBlock in the first Cluster
    expect((await failureOf(broken)).reason).toBe('malformed');
  });

  it('reports a block larger than its Segment as malformed', async () => {
    const broken = recording6s.slice();
    // Segment size: from unknown to 100 bytes, far shorter than its Tracks.
    broken.set([0x01, 0, 0, 0, 0, 0, 0, 100], 40);
    expect((await failureOf(broken)).reason).toBe('malformed');
  });

  it('closes the input when it gives up', async () => {
    let closed = false;
    async function* source() {
      try {
        yield text;
        yield text;
      } finally {
        closed = true;
      }
    }
    await expect(analyzeWebm(source())).rejects.toThrow(WebmError);
    expect(closed).toBe(true);
  });

  it('lets an error from the input through unchanged', async () => {
    async function* failing() {
      yield recording6s.slice(0, 5000);
      throw new Error('slice 2 failed to decrypt');
    }
    await expect(analyzeWebm(failing())).rejects.toThrow('slice 2 failed to decrypt');
  });
});
