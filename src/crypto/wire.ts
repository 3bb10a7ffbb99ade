/** JSON values sealed for a text channel (signaling publishes): envelope bytes as base64url. */
import { fromBase64Url, toBase64Url, utf8 } from './encoding';
import { EnvelopeError, open, seal } from './envelope';

export function sealJson(key: Uint8Array, value: unknown, context: string): string {
  return toBase64Url(seal(key, utf8.encode(JSON.stringify(value)), context));
}

/** Opens and parses; throws EnvelopeError for anything that is not an authentic JSON value. */
export function openJson(key: Uint8Array, sealed: unknown, context: string): unknown {
  if (typeof sealed !== 'string') throw new EnvelopeError('malformed');
  const bytes = fromBase64Url(sealed);
  if (bytes === null) throw new EnvelopeError('malformed');
  const plaintext = open(key, bytes, context);
  try {
    return JSON.parse(utf8.decode(plaintext));
  } catch {
    // Authentic but not JSON: only a buggy or hostile key holder sends that.
    throw new EnvelopeError('malformed');
  }
}
