/**
 * What peers say to each other through the signaling server, always inside a
 * sealed envelope (context "candid/signal"). Every message names its sender;
 * directed ones name their recipient.
 */
import { isRandomId, isRole, type DeviceId, type PeerId, type Role } from '../core';
import { isSignedIdentity, type SignedIdentity } from './channel-messages';
import { isRecord } from './signaling-messages';

/** "I am here." Broadcast on join; repeated, directed, to each peer that announces. */
export type AnnounceMessage = {
  type: 'announce';
  from: PeerId;
  to?: PeerId;
  role: Role;
  /** Stable for one browser tab across reloads: tells a reload from a second device (a reopened browser shows its `claim`). */
  device: DeviceId;
  /** Milliseconds since the epoch when this device pressed Join; the earlier device keeps the seat. */
  joinedAt: number;
  /** Interviewers prove they hold the co-interviewer secret; see `interviewerProof`. */
  proof?: string;
  /** Candidates: the device key's signature over this join (see `signSeatClaim`), to take the seat back after a crash. */
  claim?: SignedIdentity;
  /** Peers the sender has a working link with: the others (re)connect to it, these leave theirs alone. */
  linked: PeerId[];
};

/**
 * One WebRTC signal (offer, answer, ICE candidate) for one peer. `link` names
 * the connection attempt, chosen by its initiator: a signal for a new attempt
 * replaces the receiver's old link instead of confusing it.
 */
export type SignalMessage = { type: 'signal'; from: PeerId; to: PeerId; link: string; signal: PeerSignal };

/** Why a candidate device is turned away. */
export type RefusalReason = 'seat-taken' | 'not-open' | 'too-late' | 'over' | 'resume-expired';
export const REFUSAL_REASONS: readonly RefusalReason[] = ['seat-taken', 'not-open', 'too-late', 'over', 'resume-expired'];

/** "You cannot come in": the seat is taken by another device, or the schedule does not allow it now. */
export type BusyMessage = { type: 'busy'; from: PeerId; to: PeerId; reason?: RefusalReason };

/** "I am leaving": peers drop the link at once instead of waiting for a timeout. */
export type ByeMessage = { type: 'bye'; from: PeerId };

export type RoomMessage = AnnounceMessage | SignalMessage | BusyMessage | ByeMessage;

/** The shape simple-peer emits; only the fields it reads are checked here. */
export type PeerSignal = { type: string; sdp?: string; candidate?: unknown; renegotiate?: boolean; transceiverRequest?: unknown };

export const SIGNAL_CONTEXT = 'candid/signal';

const MAX_SDP_LENGTH = 60_000;
/** More than any interview holds; bounds what one announce can make us iterate. */
export const MAX_PEERS = 16;

function isPeerSignal(value: unknown): value is PeerSignal {
  if (!isRecord(value) || typeof value.type !== 'string' || value.type.length > 32) return false;
  return value.sdp === undefined || (typeof value.sdp === 'string' && value.sdp.length <= MAX_SDP_LENGTH);
}

const isPeerId = (value: unknown): value is PeerId => isRandomId(value);

export function isRoomMessage(value: unknown): value is RoomMessage {
  if (!isRecord(value) || !isPeerId(value.from)) return false;
  switch (value.type) {
    case 'announce':
      return (
        (value.to === undefined || isPeerId(value.to)) &&
        isRole(value.role) &&
        isRandomId(value.device) &&
        typeof value.joinedAt === 'number' &&
        Number.isFinite(value.joinedAt) &&
        (value.proof === undefined || (typeof value.proof === 'string' && value.proof.length <= 64)) &&
        (value.claim === undefined || isSignedIdentity(value.claim)) &&
        Array.isArray(value.linked) &&
        value.linked.length <= MAX_PEERS &&
        value.linked.every(isPeerId)
      );
    case 'signal':
      return isPeerId(value.to) && isRandomId(value.link) && isPeerSignal(value.signal);
    case 'busy':
      return isPeerId(value.to) && (value.reason === undefined || REFUSAL_REASONS.includes(value.reason as RefusalReason));
    case 'bye':
      return true;
    default:
      return false;
  }
}
