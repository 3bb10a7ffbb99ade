import { describe, expect, it } from 'vitest';
import { bytesToHex, CHAIN_START, keyFingerprint, newSigningKeyPair, nextChainLink, sha256, sign, utf8, verifySignature } from '../../src/crypto';

describe('sha256 and the slice chain', () => {
  it('matches the standard SHA-256 test vector', () => {
    expect(bytesToHex(sha256(utf8.encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('depends on order, sequence and every previous link', () => {
    const h = [1, 2, 3].map((n) => sha256(new Uint8Array([n])));
    const forward = nextChainLink(nextChainLink(CHAIN_START, 0, h[0]!), 1, h[1]!);
    const swapped = nextChainLink(nextChainLink(CHAIN_START, 0, h[1]!), 1, h[0]!);
    const renumbered = nextChainLink(nextChainLink(CHAIN_START, 0, h[0]!), 2, h[1]!);
    expect(bytesToHex(forward)).not.toBe(bytesToHex(swapped));
    expect(bytesToHex(forward)).not.toBe(bytesToHex(renumbered));
    expect(CHAIN_START.every((b) => b === 0)).toBe(true);
  });

  it('refuses sequence numbers outside u32', () => {
    expect(() => nextChainLink(CHAIN_START, -1, sha256(new Uint8Array()))).toThrow(RangeError);
    expect(() => nextChainLink(CHAIN_START, 2 ** 32, sha256(new Uint8Array()))).toThrow(RangeError);
  });
});

describe('Ed25519', () => {
  it('signs and verifies, and rejects another key or message', () => {
    const alice = newSigningKeyPair();
    const bob = newSigningKeyPair();
    const message = utf8.encode('consent given');
    const signature = sign(message, alice.secretKey);
    expect(verifySignature(message, signature, alice.publicKey)).toBe(true);
    expect(verifySignature(message, signature, bob.publicKey)).toBe(false);
    expect(verifySignature(utf8.encode('consent refused'), signature, alice.publicKey)).toBe(false);
    expect(verifySignature(message, signature.subarray(1), alice.publicKey)).toBe(false);
    expect(keyFingerprint(alice.publicKey)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
