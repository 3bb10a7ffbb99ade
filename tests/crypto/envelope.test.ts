import { describe, expect, it } from 'vitest';
import { EnvelopeError, open, openJson, randomBytes, seal, sealJson, utf8 } from '../../src/crypto';

const key = randomBytes(32);
const otherKey = randomBytes(32);

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof EnvelopeError) return error.reason;
    throw error;
  }
  return 'opened';
}

describe('seal / open', () => {
  it('round-trips bytes under the same key and context', () => {
    const plaintext = utf8.encode('candidate: Zhang Wei');
    const sealed = seal(key, plaintext, 'iv/1/cam/7');
    expect(open(key, sealed, 'iv/1/cam/7')).toEqual(plaintext);
  });

  it('uses a fresh nonce each time, so equal plaintexts look different', () => {
    const a = seal(key, utf8.encode('same'), 'c');
    const b = seal(key, utf8.encode('same'), 'c');
    expect(a).not.toEqual(b);
  });

  it('does not contain the plaintext', () => {
    const sealed = seal(key, utf8.encode('v=0 a=fingerprint'), 'signal');
    expect(Buffer.from(sealed).includes('fingerprint')).toBe(false);
  });

  it('rejects a wrong key, a flipped bit anywhere, and a truncation', () => {
    const sealed = seal(key, utf8.encode('hello'), 'ctx');
    expect(failure(() => open(otherKey, sealed, 'ctx'))).toBe('forged-or-wrong-key');
    for (const index of [1, 10, 30, sealed.length - 1]) {
      const tampered = sealed.slice();
      tampered[index]! ^= 0x01;
      expect(failure(() => open(key, tampered, 'ctx'))).toBe('forged-or-wrong-key');
    }
    expect(failure(() => open(key, sealed.subarray(0, 20), 'ctx'))).toBe('malformed');
  });

  it('binds the context: a record moved to another slot does not open', () => {
    const slice7 = seal(key, utf8.encode('slice seven'), 'iv/1/cam/7');
    expect(failure(() => open(key, slice7, 'iv/1/cam/8'))).toBe('wrong-context');
    expect(failure(() => open(key, slice7, 'iv/1/mic/7'))).toBe('wrong-context');
    expect(failure(() => open(key, slice7, ''))).toBe('wrong-context');
  });

  it('refuses an unknown version instead of guessing', () => {
    const sealed = seal(key, utf8.encode('x'), 'c');
    sealed[0] = 2;
    expect(failure(() => open(key, sealed, 'c'))).toBe('unsupported-version');
  });

  it('returns a copy, not a view of a larger buffer', () => {
    const opened = open(key, seal(key, utf8.encode('abc'), 'c'), 'c');
    expect(opened.byteLength).toBe(3);
    expect(opened.buffer.byteLength).toBe(3);
  });
});

describe('sealJson / openJson', () => {
  it('round-trips JSON as base64url text', () => {
    const text = sealJson(key, { type: 'signal', sdp: 'v=0' }, 'signal');
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(openJson(key, text, 'signal')).toEqual({ type: 'signal', sdp: 'v=0' });
  });

  it.each([[42], [null], ['***'], [''], [{ v: 1 }]])('rejects %j as malformed', (value) => {
    expect(failure(() => openJson(key, value, 'signal'))).toBe('malformed');
  });

  it('rejects authentic bytes that are not JSON', () => {
    const notJson = Buffer.from(seal(key, utf8.encode('{oops'), 'signal')).toString('base64url');
    expect(failure(() => openJson(key, notJson, 'signal'))).toBe('malformed');
  });
});
