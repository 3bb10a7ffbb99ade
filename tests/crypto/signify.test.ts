import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSigningKeyPair, parseSignifyPublicKey, signifyPublicKey, signifySign, utf8, verifySignify } from '../../src/crypto';

const message = utf8.encode('8f43… data/recording.webm\n');

describe('signify files', () => {
  it('verify with our own reader and refuse other keys, other messages and junk', () => {
    const signer = newSigningKeyPair();
    const other = newSigningKeyPair();
    const pub = signifyPublicKey(signer.publicKey);
    const sig = signifySign(message, signer, 'candid-signer.pub');
    expect(pub).toMatch(/^untrusted comment: signify public key\n[A-Za-z0-9+/]+=*\n$/);
    expect(sig).toMatch(/^untrusted comment: verify with candid-signer.pub\n/);
    expect(parseSignifyPublicKey(pub)).toEqual(signer.publicKey);
    expect(verifySignify(message, sig, pub)).toBeNull();
    expect(verifySignify(utf8.encode('another message'), sig, pub)).toBe('bad-signature');
    expect(verifySignify(message, signifySign(message, other, 'x.pub'), pub)).toBe('other-key');
    expect(verifySignify(message, 'not a signature', pub)).toBe('malformed-signature');
    expect(verifySignify(message, sig, 'untrusted comment: x\nAAAA\n')).toBe('malformed-key');
  });

  it('are accepted by OpenBSD signify itself (signify-openbsd -V)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'candid-signify-'));
    const signer = newSigningKeyPair();
    writeFileSync(join(dir, 'key.pub'), signifyPublicKey(signer.publicKey));
    writeFileSync(join(dir, 'message.txt'), message);
    writeFileSync(join(dir, 'message.txt.sig'), signifySign(message, signer, 'key.pub'));
    const run = () =>
      execFileSync('signify-openbsd', ['-V', '-p', join(dir, 'key.pub'), '-x', join(dir, 'message.txt.sig'), '-m', join(dir, 'message.txt')], {
        encoding: 'utf8',
      });
    expect(run()).toContain('Signature Verified');
    writeFileSync(join(dir, 'message.txt'), utf8.encode('tampered'));
    expect(run).toThrow();
  });
});
