/**
 * Authenticated encryption with bound context: tweetnacl secretbox
 * (XSalsa20-Poly1305) over `context ‖ plaintext`, versioned so a future
 * format is an error today rather than a silent pass-through.
 *
 * Layout of a sealed value (all binary):
 *   version (1 byte, = 1) ‖ nonce (24) ‖ secretbox( ctxLen (2, big-endian) ‖ ctx ‖ plaintext )
 *
 * The context (e.g. "signal", or an interview/track/sequence tuple) is not
 * stored in clear: the opener must know it, and opening under another context
 * fails exactly like a forgery. That is what stops swapped or replayed records.
 */
import nacl from 'tweetnacl';
import { utf8 } from './encoding';

export const ENVELOPE_VERSION = 1;
const HEADER = 1 + nacl.secretbox.nonceLength;

export type EnvelopeFailure = 'malformed' | 'unsupported-version' | 'forged-or-wrong-key' | 'wrong-context';

export class EnvelopeError extends Error {
  constructor(readonly reason: EnvelopeFailure) {
    super(`cannot open envelope: ${reason}`);
  }
}

export const KEY_LENGTH = nacl.secretbox.keyLength;

export function randomBytes(length: number): Uint8Array {
  return nacl.randomBytes(length);
}

export function seal(key: Uint8Array, plaintext: Uint8Array, context: string): Uint8Array {
  const ctx = utf8.encode(context);
  if (ctx.length > 0xffff) throw new RangeError('context too long');
  const message = new Uint8Array(2 + ctx.length + plaintext.length);
  message[0] = ctx.length >> 8;
  message[1] = ctx.length & 0xff;
  message.set(ctx, 2);
  message.set(plaintext, 2 + ctx.length);
  const nonce = nacl.randomBytes(nacl.secretbox.nonceLength);
  const box = nacl.secretbox(message, nonce, key);
  const sealed = new Uint8Array(HEADER + box.length);
  sealed[0] = ENVELOPE_VERSION;
  sealed.set(nonce, 1);
  sealed.set(box, HEADER);
  return sealed;
}

/** Opens a sealed value; throws EnvelopeError naming why it failed. */
export function open(key: Uint8Array, sealed: Uint8Array, context: string): Uint8Array {
  if (sealed.length < HEADER + nacl.secretbox.overheadLength + 2) throw new EnvelopeError('malformed');
  if (sealed[0] !== ENVELOPE_VERSION) throw new EnvelopeError('unsupported-version');
  const message = nacl.secretbox.open(sealed.subarray(HEADER), sealed.subarray(1, HEADER), key);
  if (message === null) throw new EnvelopeError('forged-or-wrong-key');
  const ctxLength = ((message[0] ?? 0) << 8) | (message[1] ?? 0);
  if (2 + ctxLength > message.length) throw new EnvelopeError('malformed');
  // The context is authenticated, not secret: a plain comparison is enough.
  if (!sameBytes(message.subarray(2, 2 + ctxLength), utf8.encode(context))) throw new EnvelopeError('wrong-context');
  // A copy, not a view: a view would keep (and store) the whole decrypted buffer.
  return message.slice(2 + ctxLength);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
