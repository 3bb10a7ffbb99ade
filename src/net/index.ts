/** Signaling, pairing and peer links. The only module that imports simple-peer. */
export type { ChannelMessage, HelloMessage, MediaStateMessage, SignedIdentity } from './channel-messages';
export { signIdentity, verifyIdentity } from './hello-identity';
export {
  CANDIDATE_PATH,
  INTERVIEWER_PATH,
  candidateLink,
  interviewerLink,
  parseCandidateFragment,
  parseInterviewerFragment,
  type InterviewerInvite,
} from './invite-link';
export type { PeerLink, RemotePeer } from './peer-link';
export { summarizeStats, type LossCounters, type Quality, type QualityLevel } from './quality';
export { Room, type RoomOptions, type SelfInfo } from './room';
export { SignalingClient, defaultSignalingUrl, type SignalingStatus } from './signaling-client';
