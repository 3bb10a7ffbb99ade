/**
 * The vault key: 32 random bytes, wrapped under a key derived from the
 * passphrase. Unlocking unwraps it into memory; locking forgets it. Changing
 * the passphrase re-wraps the same key, so no data is re-encrypted.
 */
import {
  deriveKeyFromPassphrase,
  EnvelopeError,
  isKdfParams,
  KEY_LENGTH,
  newKdfParams,
  open,
  randomBytes,
  seal,
} from '../crypto';
import type { CandidDb } from './db';
import { VaultExistsError, VaultLockedError, WrongPassphraseError } from './errors';

export type VaultStatus = 'new' | 'locked' | 'unlocked';

const VAULT_KEY_CONTEXT = 'candid/vault-key/v1';

export class Keyring {
  #vaultKey: Uint8Array | null = null;
  readonly #listeners = new Set<(status: VaultStatus) => void>();

  constructor(readonly db: CandidDb) {}

  async status(): Promise<VaultStatus> {
    if (this.#vaultKey !== null) return 'unlocked';
    return (await this.db.meta.get('vault')) === undefined ? 'new' : 'locked';
  }

  /** Called with the new status after create, unlock and lock. */
  onChange(listener: (status: VaultStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async create(passphrase: string): Promise<void> {
    const kdf = newKdfParams();
    const vaultKey = randomBytes(KEY_LENGTH);
    const wrappingKey = await deriveKeyFromPassphrase(passphrase, kdf);
    await this.db.transaction('rw', this.db.meta, async () => {
      if ((await this.db.meta.get('vault')) !== undefined) throw new VaultExistsError();
      await this.db.meta.add({ id: 'vault', kdf, wrappedKey: seal(wrappingKey, vaultKey, VAULT_KEY_CONTEXT), createdAt: Date.now() });
    });
    this.#set(vaultKey);
  }

  async unlock(passphrase: string): Promise<void> {
    this.#set(await this.#unwrap(passphrase));
  }

  lock(): void {
    // Overwrite rather than drop: the bytes should not linger until garbage collection.
    this.#vaultKey?.fill(0);
    this.#vaultKey = null;
    this.#emit('locked');
  }

  get isUnlocked(): boolean {
    return this.#vaultKey !== null;
  }

  /** Re-wraps the vault key under the new passphrase; data stays as it is. */
  async changePassphrase(current: string, next: string): Promise<void> {
    const vaultKey = await this.#unwrap(current);
    const kdf = newKdfParams();
    const wrappingKey = await deriveKeyFromPassphrase(next, kdf);
    await this.db.meta.update('vault', { kdf, wrappedKey: seal(wrappingKey, vaultKey, VAULT_KEY_CONTEXT) });
    // Not an unlock: listeners (the audit log) hear of unlocks only.
    this.#set(vaultKey, false);
  }

  /** The vault key for sealing; throws when locked. */
  key(): Uint8Array {
    if (this.#vaultKey === null) throw new VaultLockedError();
    return this.#vaultKey;
  }

  async #unwrap(passphrase: string): Promise<Uint8Array> {
    const meta = await this.db.meta.get('vault');
    if (meta === undefined) throw new WrongPassphraseError();
    if (!isKdfParams(meta.kdf)) throw new Error('the vault record is damaged (KDF parameters)');
    const wrappingKey = await deriveKeyFromPassphrase(passphrase, meta.kdf);
    try {
      return open(wrappingKey, meta.wrappedKey, VAULT_KEY_CONTEXT);
    } catch (error) {
      // A wrong passphrase gives a wrong key; any other failure is damage and says so.
      if (error instanceof EnvelopeError && error.reason === 'forged-or-wrong-key') throw new WrongPassphraseError();
      throw error;
    }
  }

  #set(vaultKey: Uint8Array, announce = true): void {
    if (this.#vaultKey !== null && this.#vaultKey !== vaultKey) this.#vaultKey.fill(0);
    this.#vaultKey = vaultKey;
    if (announce) this.#emit('unlocked');
  }

  #emit(status: VaultStatus): void {
    for (const listener of this.#listeners) listener(status);
  }
}
