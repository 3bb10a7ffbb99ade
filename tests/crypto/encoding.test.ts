import { describe, expect, it } from 'vitest';
import { fromBase64Url, randomBytes, toBase64Url } from '../../src/crypto';

describe('base64url', () => {
  it('round-trips every length', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = randomBytes(length);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('has one spelling per value: unused bits set in the last character are refused', () => {
    expect(fromBase64Url('AQ')).toEqual(new Uint8Array([1]));
    expect(fromBase64Url('AB')).toBeNull();
    expect(fromBase64Url('AAE')).toEqual(new Uint8Array([0, 1]));
    expect(fromBase64Url('AAF')).toBeNull();
    // Of the 64 last characters of a 35-byte value (an invite token's length), the 16 accepted each spell their own value.
    const token = toBase64Url(randomBytes(35));
    const texts = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'].map((c) => token.slice(0, -1) + c);
    const accepted = texts.filter((text) => fromBase64Url(text) !== null);
    expect(accepted).toHaveLength(16);
    for (const text of accepted) expect(toBase64Url(fromBase64Url(text)!)).toBe(text);
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('AA==')).toBeNull();
    expect(fromBase64Url('A+A/')).toBeNull();
    expect(fromBase64Url('AAAAA')).toBeNull();
  });
});
