/**
 * Invite secrets and what derives from them. A secret is 32 random bytes that
 * live only in a link's URL fragment; every key and topic comes from it by
 * HKDF-SHA-256 with a distinct label, so learning one (the topic, which the
 * server sees) reveals nothing about another (the envelope key).
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import nacl from 'tweetnacl';
import { boxKeyPairFromSeed, type BoxKeyPair } from './box';
import { fromBase64Url, toBase64Url, utf8 } from './encoding';

export type InviteSecret = Uint8Array & { readonly __brand: 'InviteSecret' };

const SECRET_LENGTH = 32;
/** Three checksum bytes: a mistyped or truncated link is caught before it waits for nobody. */
const CHECK_LENGTH = 3;

const label = {
  check: 'candid/v1/link-check',
  topic: 'candid/v1/signal-topic',
  envelopeKey: 'candid/v1/signal-key',
  interviewId: 'candid/v1/interview-id',
  interviewerProof: 'candid/v1/interviewer-proof',
  scorecardRoom: 'candid/v1/scorecard-room',
  scorecardPassword: 'candid/v1/scorecard-password',
  deliveryBox: 'candid/v1/delivery-box',
} as const;

function derive(secret: InviteSecret, info: string, length: number): Uint8Array {
  return hkdf(sha256, secret, undefined, utf8.encode(info), length);
}

export function createInviteSecret(): InviteSecret {
  return nacl.randomBytes(SECRET_LENGTH) as InviteSecret;
}

/** The secret plus its checksum as one base64url token (47 characters). */
export function encodeInviteToken(secret: InviteSecret): string {
  const token = new Uint8Array(SECRET_LENGTH + CHECK_LENGTH);
  token.set(secret);
  token.set(derive(secret, label.check, CHECK_LENGTH), SECRET_LENGTH);
  return toBase64Url(token);
}

/** Returns the secret, or null when the token is malformed or its checksum does not match. */
export function decodeInviteToken(token: string): InviteSecret | null {
  const bytes = fromBase64Url(token);
  if (bytes === null || bytes.length !== SECRET_LENGTH + CHECK_LENGTH) return null;
  const secret = bytes.slice(0, SECRET_LENGTH) as InviteSecret;
  const check = derive(secret, label.check, CHECK_LENGTH);
  return nacl.verify(check, bytes.subarray(SECRET_LENGTH)) ? secret : null;
}

export interface SignalingKeys {
  /** The opaque topic the server routes by. */
  topic: string;
  /** secretbox key for every payload published on that topic. */
  envelopeKey: Uint8Array;
}

export function deriveSignalingKeys(secret: InviteSecret): SignalingKeys {
  return {
    topic: toBase64Url(derive(secret, label.topic, 32)),
    envelopeKey: derive(secret, label.envelopeKey, nacl.secretbox.keyLength),
  };
}

/** A stable id both sides compute from the candidate secret, so their records of one interview match. */
export function deriveInterviewId(candidateSecret: InviteSecret): string {
  return toBase64Url(derive(candidateSecret, label.interviewId, 16));
}

/** Proof that a peer holds the co-interviewer secret, bound to its peer id. */
export function interviewerProof(interviewerSecret: InviteSecret, peerId: string): string {
  const key = derive(interviewerSecret, label.interviewerProof, 32);
  return toBase64Url(hmac(sha256, key, utf8.encode(peerId)));
}

export function verifyInterviewerProof(interviewerSecret: InviteSecret, peerId: string, proof: string): boolean {
  const given = fromBase64Url(proof);
  const expected = fromBase64Url(interviewerProof(interviewerSecret, peerId));
  return given !== null && expected !== null && given.length === expected.length && nacl.verify(given, expected);
}

/**
 * The interviewers' scorecard room (y-webrtc room name and password), from the
 * co-interviewer secret only: the candidate link cannot derive it.
 */
export function deriveScorecardRoom(interviewerSecret: InviteSecret): { room: string; password: string } {
  return {
    room: `candid-scorecard-${toBase64Url(derive(interviewerSecret, label.scorecardRoom, 32))}`,
    password: toBase64Url(derive(interviewerSecret, label.scorecardPassword, 32)),
  };
}

/**
 * The interviewers' key pair for delivery files, from the co-interviewer
 * secret: any interviewer of this interview can open a file the candidate
 * sealed to its public key, and the candidate cannot.
 */
export function deriveDeliveryKeyPair(interviewerSecret: InviteSecret): BoxKeyPair {
  return boxKeyPairFromSeed(derive(interviewerSecret, label.deliveryBox, 32));
}
