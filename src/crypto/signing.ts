/** Ed25519 device identities and detached signatures (tweetnacl). */
import nacl from 'tweetnacl';
import { sha256 } from './hash';
import { toBase64Url } from './encoding';

export interface SigningKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export function newSigningKeyPair(): SigningKeyPair {
  const pair = nacl.sign.keyPair();
  return { publicKey: pair.publicKey, secretKey: pair.secretKey };
}

export function sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return nacl.sign.detached(message, secretKey);
}

export function verifySignature(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== nacl.sign.signatureLength || publicKey.length !== nacl.sign.publicKeyLength) return false;
  return nacl.sign.detached.verify(message, signature, publicKey);
}

export const PUBLIC_KEY_LENGTH = nacl.sign.publicKeyLength;

/** A short, human-comparable name for a public key: the first 16 bytes of its SHA-256, base64url. */
export function keyFingerprint(publicKey: Uint8Array): string {
  return toBase64Url(sha256(publicKey).subarray(0, 16));
}
