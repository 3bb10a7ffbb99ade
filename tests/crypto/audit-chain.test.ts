import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS, auditLine, newSigningKeyPair, sealAuditEntry, verifyAuditChain, type AuditAction, type AuditEntry } from '../../src/crypto';

const signer = newSigningKeyPair();

function chain(actions: AuditAction[]): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const [seq, action] of actions.entries()) {
    const prev = entries.at(-1)?.hash ?? AUDIT_GENESIS;
    entries.push(sealAuditEntry({ seq, at: `2026-11-23T10:0${seq}:00.000Z`, action, interview: seq ? 'iv-1' : null, detail: { n: seq, b: 'x' }, prev }, signer.secretKey));
  }
  return entries;
}

const text = (entries: AuditEntry[]) => entries.map((e) => auditLine(e) + '\n').join('');

describe('verifyAuditChain', () => {
  const entries = chain(['unlock', 'view', 'export', 'verify', 'delete']);

  it('accepts an intact chain', () => {
    expect(verifyAuditChain(text(entries), signer.publicKey)).toEqual({ ok: true, entries: 5 });
    expect(verifyAuditChain('', signer.publicKey)).toEqual({ ok: true, entries: 0 });
  });

  it('names the first broken link: an edited entry', () => {
    const edited = entries.map((e) => ({ ...e }));
    edited[2] = { ...edited[2]!, action: 'view' };
    expect(verifyAuditChain(text(edited), signer.publicKey)).toMatchObject({ ok: false, line: 3, reason: expect.stringContaining('edited') });
  });

  it('names the first broken link: a removed entry', () => {
    const removed = entries.filter((_, i) => i !== 1);
    expect(verifyAuditChain(text(removed), signer.publicKey)).toMatchObject({ ok: false, line: 2, reason: expect.stringContaining('missing') });
  });

  it('names the first broken link: two entries swapped', () => {
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!, entries[4]!];
    expect(verifyAuditChain(text(swapped), signer.publicKey)).toMatchObject({ ok: false, line: 2 });
  });

  it('rejects a chain re-signed by another key, and a line that is not JSON', () => {
    expect(verifyAuditChain(text(entries), newSigningKeyPair().publicKey)).toMatchObject({ ok: false, line: 1, reason: expect.stringContaining('signature') });
    expect(verifyAuditChain(text(entries) + '{oops\n', signer.publicKey)).toMatchObject({ ok: false, line: 6, reason: 'not JSON' });
  });

  it('does not depend on the key order of the detail object', () => {
    const [first] = entries;
    const reordered = JSON.stringify({ ...first, detail: { b: 'x', n: 0 } }) + '\n';
    expect(verifyAuditChain(reordered, signer.publicKey)).toEqual({ ok: true, entries: 1 });
  });
});
