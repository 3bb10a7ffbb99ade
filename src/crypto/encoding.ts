/** base64url without padding (RFC 4648 §5), the alphabet of our links and wire envelopes. */

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunked so large inputs do not overflow the argument list.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Bits of the last character that no byte uses, by the length's remainder mod 4. */
const UNUSED_BITS: Record<number, number> = { 0: 0, 2: 0b1111, 3: 0b11 };

/**
 * Decodes base64url; returns null for any character outside the alphabet, an
 * impossible length, or unused bits set in the last character: each value has
 * one spelling, so an altered link never reads as the original.
 */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  if (text.length > 0 && (ALPHABET.indexOf(text.charAt(text.length - 1)) & (UNUSED_BITS[text.length % 4] ?? 0)) !== 0) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const utf8 = {
  encode: (text: string): Uint8Array => encoder.encode(text),
  /** Throws TypeError on invalid UTF-8. */
  decode: (bytes: Uint8Array): string => decoder.decode(bytes),
};
