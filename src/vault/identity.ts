/** This device's Ed25519 identity, created on first use and kept sealed by the vault key. */
import { fromBase64Url, newSigningKeyPair, PUBLIC_KEY_LENGTH, toBase64Url, type SigningKeyPair } from '../crypto';
import type { CandidDb } from './db';
import { TamperedDataError } from './errors';
import type { Keyring } from './keyring';
import { openRecord, sealRecord } from './sealed-json';

const CONTEXT = 'candid/device-identity/v1';

type StoredIdentity = { publicKey: string; secretKey: string };

function isStoredIdentity(value: unknown): value is StoredIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.publicKey === 'string' && typeof v.secretKey === 'string';
}

export async function deviceIdentity(db: CandidDb, keyring: Keyring): Promise<SigningKeyPair> {
  const vaultKey = keyring.key();
  return db.transaction('rw', db.identity, async () => {
    const row = await db.identity.get('device');
    if (row !== undefined) {
      const stored = openRecord(vaultKey, row.sealed, CONTEXT, isStoredIdentity);
      const publicKey = fromBase64Url(stored.publicKey);
      const secretKey = fromBase64Url(stored.secretKey);
      // Never silently replace a damaged identity: pinned peers would see a new device.
      if (publicKey?.length !== PUBLIC_KEY_LENGTH || secretKey === null) throw new TamperedDataError(CONTEXT);
      return { publicKey, secretKey };
    }
    const pair = newSigningKeyPair();
    const stored: StoredIdentity = { publicKey: toBase64Url(pair.publicKey), secretKey: toBase64Url(pair.secretKey) };
    await db.identity.put({ id: 'device', sealed: sealRecord(vaultKey, stored, CONTEXT) });
    return pair;
  });
}
