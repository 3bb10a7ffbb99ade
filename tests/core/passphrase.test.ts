import { describe, expect, it } from 'vitest';
import { estimateBits, passphraseLevel } from '../../src/core';

describe('passphraseLevel', () => {
  it.each([
    ['short', 'too-short'],
    ['aaaaaaaaaaaaaaaa', 'weak'],
    ['1234567890', 'weak'],
    ['sunflowerbrick', 'fair'],
    ['correct horse battery staple', 'strong'],
    ['Tr0ub4dor&3xyzzy', 'strong'],
    ['我的面试密码很长很安全', 'strong'],
  ] as const)('%s is %s', (passphrase, level) => {
    expect(passphraseLevel(passphrase)).toBe(level);
  });

  it('counts repeated characters for little', () => {
    expect(estimateBits('abababababababab')).toBeLessThan(estimateBits('abcdefghijklmnop'));
  });
});
