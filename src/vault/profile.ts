/** How this device's user is shown to co-interviewers; sealed like everything else. */
import type { CandidDb } from './db';
import type { Keyring } from './keyring';
import { openRecord, sealRecord } from './sealed-json';

export interface Profile {
  name: string;
}

const CONTEXT = 'candid/profile/v1';

function isProfile(value: unknown): value is Profile {
  return typeof value === 'object' && value !== null && typeof (value as Profile).name === 'string';
}

export async function readProfile(db: CandidDb, keyring: Keyring): Promise<Profile | null> {
  const row = await db.identity.get('profile');
  return row ? openRecord(keyring.key(), row.sealed, CONTEXT, isProfile) : null;
}

export async function saveProfile(db: CandidDb, keyring: Keyring, profile: Profile): Promise<void> {
  await db.identity.put({ id: 'profile', sealed: sealRecord(keyring.key(), profile, CONTEXT) });
}
