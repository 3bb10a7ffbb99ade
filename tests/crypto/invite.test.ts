import { describe, expect, it } from 'vitest';
import {
  createInviteSecret,
  decodeInviteToken,
  deriveInterviewId,
  deriveSignalingKeys,
  encodeInviteToken,
  interviewerProof,
  toBase64Url,
  verifyInterviewerProof,
} from '../../src/crypto';

describe('invite tokens', () => {
  it('round-trip and are URL-safe', () => {
    const secret = createInviteSecret();
    const token = encodeInviteToken(secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]{47}$/);
    expect(decodeInviteToken(token)).toEqual(secret);
  });

  it('reject any altered character, a truncation and junk', () => {
    const token = encodeInviteToken(createInviteSecret());
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === 'A' ? 'B' : 'A';
      const altered = token.slice(0, i) + replacement + token.slice(i + 1);
      expect(decodeInviteToken(altered)).toBeNull();
    }
    expect(decodeInviteToken(token.slice(0, -1))).toBeNull();
    expect(decodeInviteToken(token + 'A')).toBeNull();
    expect(decodeInviteToken('')).toBeNull();
    expect(decodeInviteToken('not a token at all!')).toBeNull();
  });
});

describe('derivation', () => {
  it('is deterministic per secret and different across secrets', () => {
    const a = createInviteSecret();
    const b = createInviteSecret();
    expect(deriveSignalingKeys(a)).toEqual(deriveSignalingKeys(a));
    expect(deriveSignalingKeys(a).topic).not.toBe(deriveSignalingKeys(b).topic);
    expect(deriveInterviewId(a)).toBe(deriveInterviewId(a));
  });

  it('separates domains: topic, key and interview id share no bytes with each other or the secret', () => {
    const secret = createInviteSecret();
    const { topic, envelopeKey } = deriveSignalingKeys(secret);
    const values = [toBase64Url(secret), topic, toBase64Url(envelopeKey), deriveInterviewId(secret)];
    expect(new Set(values).size).toBe(values.length);
    expect(topic).not.toContain(toBase64Url(secret).slice(0, 8));
  });

  it('matches a fixed vector, so links made by older builds keep working', () => {
    const secret = new Uint8Array(32).fill(7) as ReturnType<typeof createInviteSecret>;
    expect(deriveSignalingKeys(secret).topic).toBe('DVfPRnsgOHrN1BQjOr0uXJbXW6ohmJMIOWqL3eCVn48');
    expect(encodeInviteToken(secret)).toBe('BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwfNsjg');
  });
});

describe('interviewer proof', () => {
  it('verifies for the holder of the co-interviewer secret and that peer only', () => {
    const secret = createInviteSecret();
    const proof = interviewerProof(secret, 'peer-1');
    expect(verifyInterviewerProof(secret, 'peer-1', proof)).toBe(true);
    expect(verifyInterviewerProof(secret, 'peer-2', proof)).toBe(false);
    expect(verifyInterviewerProof(createInviteSecret(), 'peer-1', proof)).toBe(false);
    expect(verifyInterviewerProof(secret, 'peer-1', 'garbage!')).toBe(false);
    expect(verifyInterviewerProof(secret, 'peer-1', '')).toBe(false);
  });
});
