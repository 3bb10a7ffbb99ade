/** Messages on a peer's data channel. The channel is DTLS-encrypted end to end; we still validate every one. */
import { isInterviewDetails, isRole, type InterviewDetails, type Role } from '../core';
import { isSessionMessage, type SessionMessage } from './session-messages';
import { isRecord } from './signaling-messages';

/**
 * First message on a new link: who I am and, from the interviewer who created
 * it, what the interview is. The candidate adds its device identity, signed
 * for this link (see hello-identity.ts), so interviewers can pin it.
 */
export type HelloMessage = {
  type: 'hello';
  role: Role;
  interview?: InterviewDetails;
  identity?: SignedIdentity;
  /** From interviewers: the X25519 public key (base64url) a candidate seals delivery files to. */
  deliveryKey?: string;
};

/** An Ed25519 public key and a signature by it over the link's hello statement, both base64url. */
export type SignedIdentity = { publicKey: string; signature: string };

/** My microphone and camera are on or off, so the other side can say so instead of showing silence. */
export type MediaStateMessage = { type: 'media-state'; audio: boolean; video: boolean };

/**
 * Delivery's own connections are negotiated over the call: the candidate
 * offers connection `id` (counting up from 1 on each link), the interviewer
 * answers it. The description carries every candidate.
 */
export type DeliverySignalMessage = { type: 'delivery-signal'; id: number; sdp: string };

export type ChannelMessage = HelloMessage | MediaStateMessage | DeliverySignalMessage | SessionMessage;

/** Larger than any message we send; a bigger frame is dropped before parsing. */
export const MAX_CHANNEL_MESSAGE_BYTES = 16 * 1024;
/** A session description with a few dozen candidates fits well within this. */
const MAX_SDP_CHARS = 12 * 1024;

export function isChannelMessage(value: unknown): value is ChannelMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'hello':
      return (
        isRole(value.role) &&
        (value.interview === undefined || isInterviewDetails(value.interview)) &&
        (value.identity === undefined || isSignedIdentity(value.identity)) &&
        (value.deliveryKey === undefined || (typeof value.deliveryKey === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value.deliveryKey)))
      );
    case 'media-state':
      return typeof value.audio === 'boolean' && typeof value.video === 'boolean';
    case 'delivery-signal':
      return Number.isSafeInteger(value.id) && (value.id as number) > 0 && typeof value.sdp === 'string' && value.sdp.length <= MAX_SDP_CHARS;
    default:
      return isSessionMessage(value);
  }
}

export function isSignedIdentity(value: unknown): value is SignedIdentity {
  return (
    isRecord(value) &&
    typeof value.publicKey === 'string' &&
    value.publicKey.length <= 64 &&
    typeof value.signature === 'string' &&
    value.signature.length <= 128
  );
}

export function parseChannelMessage(raw: string): ChannelMessage | null {
  if (raw.length > MAX_CHANNEL_MESSAGE_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  return isChannelMessage(value) ? value : null;
}

