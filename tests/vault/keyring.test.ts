// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { InterviewId } from '../../src/core';
import { Interviews, Keyring, VaultExistsError, VaultLockedError, WrongPassphraseError } from '../../src/vault';
import { freshDb } from './helpers';

const interview = (id: string) => ({
  id: id as InterviewId,
  role: 'interviewer' as const,
  createdAt: Date.now(),
  details: { candidateName: 'Zhang Wei', position: 'Engineer' },
  candidateToken: 'c'.repeat(47),
  interviewerToken: 'i'.repeat(47),
  candidateKey: null,
});

describe('Keyring', () => {
  it('goes new → unlocked → locked → unlocked', async () => {
    const db = freshDb();
    const keyring = new Keyring(db);
    expect(await keyring.status()).toBe('new');
    await keyring.create('first passphrase!');
    expect(await keyring.status()).toBe('unlocked');
    keyring.lock();
    expect(await keyring.status()).toBe('locked');
    expect(() => keyring.key()).toThrow(VaultLockedError);
    await keyring.unlock('first passphrase!');
    expect(keyring.isUnlocked).toBe(true);
  });

  it('refuses a wrong passphrase and a second vault', async () => {
    const db = freshDb();
    const keyring = new Keyring(db);
    await keyring.create('right one');
    keyring.lock();
    await expect(keyring.unlock('wrong one')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(new Keyring(db).create('another')).rejects.toBeInstanceOf(VaultExistsError);
  });

  it('zeroes the key in memory when locking', async () => {
    const keyring = new Keyring(freshDb());
    await keyring.create('pass phrase');
    const key = keyring.key();
    keyring.lock();
    expect(key.every((b) => b === 0)).toBe(true);
  });

  it('changes the passphrase by re-wrapping: the old one fails, all data still opens', async () => {
    const db = freshDb();
    const keyring = new Keyring(db);
    await keyring.create('old passphrase');
    const interviews = new Interviews(db, keyring);
    await interviews.ensure(interview('iv-1'));
    const sealedBefore = (await db.interviews.get('iv-1'))!.sealed;

    await expect(keyring.changePassphrase('not the old one', 'new passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    await keyring.changePassphrase('old passphrase', 'new passphrase');
    // Data were not re-encrypted: the very same bytes are stored.
    expect((await db.interviews.get('iv-1'))!.sealed).toEqual(sealedBefore);

    const reopened = new Keyring(db);
    await expect(reopened.unlock('old passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    await reopened.unlock('new passphrase');
    expect((await new Interviews(db, reopened).get('iv-1' as InterviewId))?.details?.candidateName).toBe('Zhang Wei');
  });

  it('stores KDF parameters beside the wrapped key, and refuses absurd ones', async () => {
    const db = freshDb();
    const keyring = new Keyring(db);
    await keyring.create('pass phrase');
    const meta = await db.meta.get('vault');
    expect(meta?.kdf).toMatchObject({ alg: 'argon2id', m: 19456, t: 2, p: 1 });
    await db.meta.update('vault', { kdf: { alg: 'argon2id', m: 2 ** 40, t: 2, p: 1, salt: 'AAAAAAAAAAAAAAAAAAAAAA' } });
    keyring.lock();
    await expect(keyring.unlock('pass phrase')).rejects.toThrow(/damaged/);
  });
});
