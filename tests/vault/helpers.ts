import 'fake-indexeddb/auto';
import { CandidDb, Keyring } from '../../src/vault';

let counter = 0;

/** A fresh database per test: fake-indexeddb lives in memory for the whole test file. */
export function freshDb(): CandidDb {
  return new CandidDb(`candid-test-${process.pid}-${counter++}`);
}

export async function unlockedKeyring(passphrase = 'correct horse battery staple'): Promise<Keyring> {
  const keyring = new Keyring(freshDb());
  await keyring.create(passphrase);
  return keyring;
}
