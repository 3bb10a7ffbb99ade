/** Signaling, pairing and peer links. The only module that imports simple-peer. */
export type { ChannelMessage, DeliverySignalMessage, HelloMessage, MediaStateMessage, SignedIdentity } from './channel-messages';
export { Heartbeat, SILENCE_MS } from './heartbeat';
export { signIdentity, signSeatClaim, verifyIdentity, verifySeatClaim } from './hello-identity';
export { MAX_CHAT_LENGTH, type SessionMessage } from './session-messages';
export {
  CANDIDATE_PATH,
  INTERVIEWER_PATH,
  candidateLink,
  interviewerLink,
  parseCandidateFragment,
  parseInterviewerFragment,
  parseScheduleFragment,
  type InterviewerInvite,
} from './invite-link';
export type { LinkCloseCause, PeerLink, RemotePeer } from './peer-link';
export { summarizeStats, type LossCounters, type Quality, type QualityLevel } from './quality';
export { Room, type RoomOptions, type SelfInfo } from './room';
export type { RefusalReason } from './room-messages';
export { SignalingClient, defaultSignalingUrl, type SignalingStatus } from './signaling-client';
