/**
 * The candidate's device identity, signed for one use: on a link (the hello)
 * or for one join (the seat claim). Each statement names the interview and the
 * peers, so a signature recorded in one place cannot be replayed in another to
 * borrow someone else's identity.
 */
import type { PeerId } from '../core';
import { fromBase64Url, PUBLIC_KEY_LENGTH, sign, toBase64Url, utf8, verifySignature, type SigningKeyPair } from '../crypto';
import type { SignedIdentity } from './channel-messages';

/** On a link: covers the interview and both peer ids. */
const helloStatement = (interviewId: string, from: PeerId, to: PeerId) => `candid/hello/v1\n${interviewId}\n${from}\n${to}`;

/** In an announce: covers the interview, the announcing peer and when it joined, so it is good for that one join only. */
const seatClaimStatement = (interviewId: string, from: PeerId, joinedAt: number) => `candid/seat-claim/v1\n${interviewId}\n${from}\n${joinedAt}`;

function signed(identity: SigningKeyPair, statement: string): SignedIdentity {
  return { publicKey: toBase64Url(identity.publicKey), signature: toBase64Url(sign(utf8.encode(statement), identity.secretKey)) };
}

/** The public key (base64url) when the signature holds for the statement, else null. */
function verified(identity: SignedIdentity, statement: string): string | null {
  const publicKey = fromBase64Url(identity.publicKey);
  const signature = fromBase64Url(identity.signature);
  if (publicKey?.length !== PUBLIC_KEY_LENGTH || signature === null) return null;
  return verifySignature(utf8.encode(statement), signature, publicKey) ? identity.publicKey : null;
}

export const signIdentity = (identity: SigningKeyPair, interviewId: string, from: PeerId, to: PeerId): SignedIdentity =>
  signed(identity, helloStatement(interviewId, from, to));

/** The public key (base64url) when the signature holds for this link, else null. */
export const verifyIdentity = (identity: SignedIdentity, interviewId: string, from: PeerId, to: PeerId): string | null =>
  verified(identity, helloStatement(interviewId, from, to));

/**
 * The reclaim token of a candidate's announce: the same device key the
 * interviewer pinned at first contact, so a browser reopened after a crash or
 * a closed laptop takes its seat back at once, while a second device (another
 * key) is still refused.
 */
export const signSeatClaim = (identity: SigningKeyPair, interviewId: string, from: PeerId, joinedAt: number): SignedIdentity =>
  signed(identity, seatClaimStatement(interviewId, from, joinedAt));

export const verifySeatClaim = (claim: SignedIdentity, interviewId: string, from: PeerId, joinedAt: number): string | null =>
  verified(claim, seatClaimStatement(interviewId, from, joinedAt));
