import { describe, expect, it } from 'vitest';
import type { PeerId } from '../../src/core';
import { newSigningKeyPair } from '../../src/crypto';
import { signIdentity, signSeatClaim, verifyIdentity, verifySeatClaim } from '../../src/net/hello-identity';

const peer = (c: string) => c.repeat(22) as PeerId;

describe('device identity statements', () => {
  const device = newSigningKeyPair();
  const other = newSigningKeyPair();

  it('a seat claim proves the key for that join only', () => {
    const claim = signSeatClaim(device, 'interview-1', peer('a'), 1_000);
    expect(verifySeatClaim(claim, 'interview-1', peer('a'), 1_000)).toBe(claim.publicKey);
    // Replayed for another peer, another join or another interview: worthless.
    expect(verifySeatClaim(claim, 'interview-1', peer('b'), 1_000)).toBeNull();
    expect(verifySeatClaim(claim, 'interview-1', peer('a'), 2_000)).toBeNull();
    expect(verifySeatClaim(claim, 'interview-2', peer('a'), 1_000)).toBeNull();
  });

  it('a claim naming one key with another key’s signature is refused', () => {
    const claim = signSeatClaim(other, 'interview-1', peer('a'), 1_000);
    const borrowed = { ...claim, publicKey: signSeatClaim(device, 'interview-1', peer('a'), 1_000).publicKey };
    expect(verifySeatClaim(borrowed, 'interview-1', peer('a'), 1_000)).toBeNull();
  });

  it('a hello and a seat claim cannot stand in for each other', () => {
    const hello = signIdentity(device, 'interview-1', peer('a'), peer('b'));
    expect(verifyIdentity(hello, 'interview-1', peer('a'), peer('b'))).toBe(hello.publicKey);
    expect(verifySeatClaim(hello, 'interview-1', peer('a'), 1_000)).toBeNull();
    const claim = signSeatClaim(device, 'interview-1', peer('a'), 1_000);
    expect(verifyIdentity(claim, 'interview-1', peer('a'), peer('b'))).toBeNull();
  });

  it('garbage keys and signatures are refused, not thrown on', () => {
    expect(verifySeatClaim({ publicKey: '!!', signature: '??' }, 'interview-1', peer('a'), 1_000)).toBeNull();
    expect(verifySeatClaim({ publicKey: 'AAAA', signature: 'AAAA' }, 'interview-1', peer('a'), 1_000)).toBeNull();
  });
});
