/** The only module that touches tweetnacl and @noble/hashes. */
export { fromBase64Url, toBase64Url, utf8 } from './encoding';
export { EnvelopeError, KEY_LENGTH, open, randomBytes, seal, type EnvelopeFailure } from './envelope';
export {
  createInviteSecret,
  decodeInviteToken,
  deriveDeliveryKeyPair,
  deriveInterviewId,
  deriveScorecardRoom,
  deriveSignalingKeys,
  encodeInviteToken,
  interviewerProof,
  verifyInterviewerProof,
  type InviteSecret,
  type SignalingKeys,
} from './invite';
export { openJson, sealJson } from './wire';
export { bytesEqual, bytesToHex, CHAIN_START, createSha256, hexToBytes, nextChainLink, sha256, sha256Async, type IncrementalHash } from './hash';
export { deriveKeyFromPassphrase, isKdfParams, newKdfParams, type KdfParams } from './kdf';
export { keyFingerprint, newSigningKeyPair, PUBLIC_KEY_LENGTH, sign, verifySignature, type SigningKeyPair } from './signing';
export { AUDIT_GENESIS, auditHash, auditLine, sealAuditEntry, verifyAuditChain, type AuditAction, type AuditChainResult, type AuditDetail, type AuditEntry, type AuditFields } from './audit-chain';
export { parseSignifyPublicKey, signifyPublicKey, signifySign, signifySignatureFile, verifySignify, type SignifyFailure } from './signify';
export { BOX_PUBLIC_KEY_LENGTH, boxSharedKey, newBoxKeyPair, type BoxKeyPair } from './box';
