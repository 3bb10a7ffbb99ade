/**
 * A passphrase strength hint. It estimates guessing cost from length and
 * character variety; it is a hint to the user, not a security boundary (the
 * KDF is), so a rough estimate that errs low is what we want.
 */
export type PassphraseLevel = 'too-short' | 'weak' | 'fair' | 'strong';

export const MIN_PASSPHRASE_LENGTH = 10;

export function estimateBits(passphrase: string): number {
  const chars = [...passphrase];
  let alphabet = 0;
  if (/[a-z]/.test(passphrase)) alphabet += 26;
  if (/[A-Z]/.test(passphrase)) alphabet += 26;
  if (/[0-9]/.test(passphrase)) alphabet += 10;
  if (/[^A-Za-z0-9]/.test(passphrase)) alphabet += 33;
  // Characters beyond ASCII (Chinese, for example) come from a far larger set.
  if ([...passphrase].some((c) => c.charCodeAt(0) > 0x7f)) alphabet += 2000;
  // Repeats add little: count distinct characters fully and repeats at a quarter.
  const distinct = new Set(chars).size;
  const effective = distinct + (chars.length - distinct) / 4;
  return Math.round(effective * Math.log2(Math.max(alphabet, 2)));
}

export function passphraseLevel(passphrase: string): PassphraseLevel {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  const bits = estimateBits(passphrase);
  if (bits < 50) return 'weak';
  if (bits < 75) return 'fair';
  return 'strong';
}
