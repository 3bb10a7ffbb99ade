// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/crypto';
import { AuditLog, deviceIdentity, Keyring } from '../../src/vault';
import { freshDb } from './helpers';

describe('AuditLog', () => {
  it('logs every unlock by itself and appends signed, chained entries that verify', async () => {
    const db = freshDb();
    const keyring = new Keyring(db);
    const audit = new AuditLog(db, keyring);
    await keyring.create('audit passphrase');
    await audit.append('view', 'iv-1');
    keyring.lock();
    await keyring.unlock('audit passphrase');
    await Promise.all([audit.append('export', 'iv-1', { files: 7 }), audit.append('verify', null, { result: 'valid' })]);
    const lines = await audit.lines();
    const actions = lines.trim().split('\n').map((line) => (JSON.parse(line) as { action: string }).action);
    expect(actions).toEqual(['unlock', 'view', 'unlock', 'export', 'verify']);
    const { publicKey } = await deviceIdentity(db, keyring);
    expect(verifyAuditChain(lines, publicKey)).toEqual({ ok: true, entries: 5 });
  });

  it('stores entries sealed, never in clear', async () => {
    const db = freshDb();
    const keyring = new Keyring(db);
    const audit = new AuditLog(db, keyring);
    await keyring.create('audit passphrase');
    await audit.append('delete', 'interview-with-a-name');
    for (const row of await db.audit.toArray()) expect(Buffer.from(row.sealed).includes('interview-with-a-name')).toBe(false);
  });

  it('does not log a passphrase change as an unlock', async () => {
    const db = freshDb();
    const keyring = new Keyring(db);
    const audit = new AuditLog(db, keyring);
    await keyring.create('first passphrase');
    await keyring.changePassphrase('first passphrase', 'second passphrase');
    await audit.append('view', null);
    expect((await audit.lines()).trim().split('\n')).toHaveLength(2);
  });
});
