/** The name this device's user shows to co-interviewers. */
import { readProfile, saveProfile } from '../../vault';
import type { VaultStore } from './vault-store';

export function createProfileStore(vault: VaultStore) {
  return {
    name: async () => (await readProfile(vault.db, vault.keyring))?.name ?? '',
    save: (name: string) => saveProfile(vault.db, vault.keyring, { name: name.trim().slice(0, 80) }),
  };
}
