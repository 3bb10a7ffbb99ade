/** Failures the interface names to the user. */

export class VaultLockedError extends Error {
  constructor() {
    super('the vault is locked');
  }
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('wrong passphrase');
  }
}

export class VaultExistsError extends Error {
  constructor() {
    super('a vault already exists on this device');
  }
}

/** The browser refused a write for lack of space; what was saved before stays intact. */
export class StorageFullError extends Error {
  constructor(cause?: unknown) {
    super('storage is full', { cause });
  }
}

/** Stored data failed verification: a record was altered, removed or moved. */
export class TamperedDataError extends Error {
  constructor(readonly detail: string) {
    super(`stored data failed verification: ${detail}`);
  }
}

export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const inner = (error as Error & { inner?: unknown }).inner;
  return error.name === 'QuotaExceededError' || (inner instanceof Error && inner.name === 'QuotaExceededError');
}
