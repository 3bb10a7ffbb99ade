/**
 * SHA-256 and the slice hash chain. Each link commits to everything before it,
 * so a removed, inserted, altered or reordered slice breaks every later link.
 *
 *   link(-1) = 32 zero bytes
 *   link(n)  = SHA-256( "candid/slice-chain/v1" ‖ link(n-1) ‖ seq as u32 big-endian ‖ SHA-256(slice n) )
 */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { utf8 } from './encoding';

const CHAIN_LABEL = utf8.encode('candid/slice-chain/v1');
export const CHAIN_START: Uint8Array = new Uint8Array(32);

export function sha256(bytes: Uint8Array): Uint8Array {
  return nobleSha256(bytes);
}

/** SHA-256 by the platform (WebCrypto): about ten times faster than JavaScript for whole slices. */
export async function sha256Async(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** SHA-256 over data that arrives in pieces (a streamed file), without holding it. */
export interface IncrementalHash {
  update(bytes: Uint8Array): void;
  /** Lower-case hex; the hasher cannot be used afterwards. */
  digestHex(): string;
}

export function createSha256(): IncrementalHash {
  const hash = nobleSha256.create();
  return {
    update: (bytes) => void hash.update(bytes),
    digestHex: () => bytesToHex(hash.digest()),
  };
}

export function nextChainLink(previous: Uint8Array, seq: number, sliceHash: Uint8Array): Uint8Array {
  if (!Number.isInteger(seq) || seq < 0 || seq > 0xffffffff) throw new RangeError('sequence out of range');
  const input = new Uint8Array(CHAIN_LABEL.length + 32 + 4 + 32);
  input.set(CHAIN_LABEL, 0);
  input.set(previous, CHAIN_LABEL.length);
  new DataView(input.buffer).setUint32(CHAIN_LABEL.length + 32, seq);
  input.set(sliceHash, CHAIN_LABEL.length + 36);
  return nobleSha256(input);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export { bytesToHex };
export { hexToBytes } from '@noble/hashes/utils.js';
