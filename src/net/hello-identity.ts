/**
 * The candidate's device identity on a link. The signature covers the
 * interview and both peer ids, so a hello recorded on one link cannot be
 * replayed on another to borrow someone else's identity.
 */
import type { PeerId } from '../core';
import { fromBase64Url, PUBLIC_KEY_LENGTH, sign, toBase64Url, utf8, verifySignature, type SigningKeyPair } from '../crypto';
import type { SignedIdentity } from './channel-messages';

function statement(interviewId: string, from: PeerId, to: PeerId): Uint8Array {
  return utf8.encode(`candid/hello/v1\n${interviewId}\n${from}\n${to}`);
}

export function signIdentity(identity: SigningKeyPair, interviewId: string, from: PeerId, to: PeerId): SignedIdentity {
  return {
    publicKey: toBase64Url(identity.publicKey),
    signature: toBase64Url(sign(statement(interviewId, from, to), identity.secretKey)),
  };
}

/** The public key (base64url) when the signature holds for this link, else null. */
export function verifyIdentity(identity: SignedIdentity, interviewId: string, from: PeerId, to: PeerId): string | null {
  const publicKey = fromBase64Url(identity.publicKey);
  const signature = fromBase64Url(identity.signature);
  if (publicKey?.length !== PUBLIC_KEY_LENGTH || signature === null) return null;
  return verifySignature(statement(interviewId, from, to), signature, publicKey) ? identity.publicKey : null;
}
