/** The interviews kept on this device, newest first. */
import { createResource } from 'solid-js';
import type { VaultStore } from './vault-store';

export function createArchiveStore(vault: VaultStore) {
  const [interviews] = createResource(() => vault.interviews.list());
  return { interviews };
}
