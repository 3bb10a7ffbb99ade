/**
 * Passphrase → key-encryption key. Argon2id (memory-hard, so a stolen disk
 * image is slow to brute-force on GPUs), with its parameters stored beside
 * the wrapped key so they can be raised later without breaking old vaults.
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import nacl from 'tweetnacl';
import { fromBase64Url, toBase64Url, utf8 } from './encoding';

export interface KdfParams {
  alg: 'argon2id';
  /** Memory in KiB. */
  m: number;
  /** Passes. */
  t: number;
  /** Lanes. */
  p: number;
  /** base64url, 16 random bytes. */
  salt: string;
}

/** OWASP's Argon2id baseline (19 MiB, 2 passes): about 0.2 s in Node, 0.3–0.5 s in a browser. */
export function newKdfParams(): KdfParams {
  return { alg: 'argon2id', m: 19_456, t: 2, p: 1, salt: toBase64Url(nacl.randomBytes(16)) };
}

export function isKdfParams(value: unknown): value is KdfParams {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const int = (x: unknown, min: number, max: number) => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
  // Bounds keep a tampered record from asking for terabytes of memory or a year of CPU.
  return v.alg === 'argon2id' && int(v.m, 8, 4_194_304) && int(v.t, 1, 64) && int(v.p, 1, 16) && typeof v.salt === 'string' && fromBase64Url(v.salt)?.length === 16;
}

export async function deriveKeyFromPassphrase(passphrase: string, params: KdfParams): Promise<Uint8Array> {
  const salt = fromBase64Url(params.salt);
  if (salt === null) throw new Error('corrupt KDF salt');
  // asyncTick yields to the event loop so the page stays responsive while deriving.
  return argon2idAsync(utf8.encode(passphrase.normalize('NFC')), salt, {
    m: params.m,
    t: params.t,
    p: params.p,
    dkLen: nacl.secretbox.keyLength,
    asyncTick: 20,
  });
}
