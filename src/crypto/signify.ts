/**
 * OpenBSD signify's file formats, so anyone can check our signatures with
 * `signify -V` and no software of ours. Both files are two lines:
 *
 *   untrusted comment: <text>
 *   base64( "Ed" ‖ keynum (8 bytes) ‖ public key (32) )      — a .pub file
 *   base64( "Ed" ‖ keynum (8 bytes) ‖ Ed25519 signature (64) ) — a .sig file
 *
 * The signature is over the message file's exact bytes. The keynum ties a
 * signature to its key; ours is the first 8 bytes of SHA-256(public key).
 */
import { sha256 } from './hash';
import { sign, verifySignature, type SigningKeyPair } from './signing';
import { utf8 } from './encoding';

const ALGORITHM = utf8.encode('Ed');

export type SignifyFailure = 'malformed-key' | 'malformed-signature' | 'other-key' | 'bad-signature';

function keynum(publicKey: Uint8Array): Uint8Array {
  return sha256(publicKey).slice(0, 8);
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function file(comment: string, payload: Uint8Array[]): string {
  const bytes = new Uint8Array(payload.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of payload) {
    bytes.set(part, at);
    at += part.length;
  }
  return `untrusted comment: ${comment}\n${toBase64(bytes)}\n`;
}

/** Parses a signify file: its comment line and the payload of the expected length. */
function parse(text: string, length: number): { comment: string; keynum: Uint8Array; body: Uint8Array } | null {
  const match = /^untrusted comment: ([^\n]*)\n([^\n]+)\n?$/.exec(text);
  if (match === null) return null;
  const bytes = fromBase64(match[2] ?? '');
  if (bytes === null || bytes.length !== 2 + 8 + length || bytes[0] !== ALGORITHM[0] || bytes[1] !== ALGORITHM[1]) return null;
  return { comment: match[1] ?? '', keynum: bytes.slice(2, 10), body: bytes.slice(10) };
}

export function signifyPublicKey(publicKey: Uint8Array, comment = 'signify public key'): string {
  return file(comment, [ALGORITHM, keynum(publicKey), publicKey]);
}

export function signifySign(message: Uint8Array, identity: SigningKeyPair, keyFileName: string): string {
  return signifySignatureFile(sign(message, identity.secretKey), identity.publicKey, keyFileName);
}

/** Wraps a signature made earlier (an interviewer's submitted evaluation) in signify's format. */
export function signifySignatureFile(signature: Uint8Array, publicKey: Uint8Array, keyFileName: string): string {
  return file(`verify with ${keyFileName}`, [ALGORITHM, keynum(publicKey), signature]);
}

export function parseSignifyPublicKey(text: string): Uint8Array | null {
  const parsed = parse(text, 32);
  return parsed && parsed.body;
}

/** Checks a detached signify signature; returns null when it holds, else why not. */
export function verifySignify(message: Uint8Array, signatureFile: string, publicKeyFile: string): SignifyFailure | null {
  const key = parse(publicKeyFile, 32);
  if (key === null) return 'malformed-key';
  const signature = parse(signatureFile, 64);
  if (signature === null) return 'malformed-signature';
  if (!signature.keynum.every((b, i) => b === key.keynum[i])) return 'other-key';
  return verifySignature(message, signature.body, key.body) ? null : 'bad-signature';
}
