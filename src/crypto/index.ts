/** The only module that touches tweetnacl and @noble/hashes. */
export { fromBase64Url, toBase64Url, utf8 } from './encoding';
export { EnvelopeError, KEY_LENGTH, open, randomBytes, seal, type EnvelopeFailure } from './envelope';
export {
  createInviteSecret,
  decodeInviteToken,
  deriveInterviewId,
  deriveSignalingKeys,
  encodeInviteToken,
  interviewerProof,
  verifyInterviewerProof,
  type InviteSecret,
  type SignalingKeys,
} from './invite';
export { openJson, sealJson } from './wire';
