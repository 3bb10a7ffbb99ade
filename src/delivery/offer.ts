/**
 * Signed track offers. The recorder signs each track's state with its device
 * key; the receiver checks it against the key it pinned for this interview.
 * The signed head is the chain link after the last slice, so once the
 * receiver holds that many slices whose links follow from one another and end
 * at the head, every one of them is the recorder's.
 */
import type { InterviewId } from '../core';
import { fromBase64Url, sign, toBase64Url, utf8, verifySignature, type SigningKeyPair } from '../crypto';
import type { TrackOffer } from './messages';

export type UnsignedOffer = Omit<TrackOffer, 'signature'>;

function statement(interviewId: InterviewId, offer: UnsignedOffer): Uint8Array {
  const { trackId, mimeType, startedAt, stoppedAt, stopReason, count, head } = offer;
  return utf8.encode(
    ['candid/delivery-offer/v1', interviewId, trackId, mimeType, startedAt, stoppedAt ?? '-', stopReason ?? '-', count, head ?? '-'].join('\n'),
  );
}

export function signOffer(identity: SigningKeyPair, interviewId: InterviewId, offer: UnsignedOffer): TrackOffer {
  return { ...offer, signature: toBase64Url(sign(statement(interviewId, offer), identity.secretKey)) };
}

export function verifyOffer(publicKey: Uint8Array, interviewId: InterviewId, offer: TrackOffer): boolean {
  const signature = fromBase64Url(offer.signature);
  return signature !== null && verifySignature(statement(interviewId, offer), signature, publicKey);
}
