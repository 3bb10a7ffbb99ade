/**
 * Public-key encryption to a recipient who is not online (tweetnacl box:
 * X25519 + XSalsa20-Poly1305). The sender makes a one-time key pair; both
 * sides reach the same shared key, which then seals records like any other
 * envelope key.
 */
import nacl from 'tweetnacl';

export interface BoxKeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

export const BOX_PUBLIC_KEY_LENGTH = nacl.box.publicKeyLength;

export function newBoxKeyPair(): BoxKeyPair {
  return nacl.box.keyPair();
}

export function boxKeyPairFromSeed(seed: Uint8Array): BoxKeyPair {
  return nacl.box.keyPair.fromSecretKey(seed);
}

/** The key both sides share: from my secret key and their public key. */
export function boxSharedKey(theirPublicKey: Uint8Array, mySecretKey: Uint8Array): Uint8Array {
  return nacl.box.before(theirPublicKey, mySecretKey);
}
