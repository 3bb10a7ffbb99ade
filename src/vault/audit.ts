/**
 * The audit log: append-only, hash-chained, each entry signed by this
 * device's identity and stored sealed by the vault key. Every unlock is
 * logged by itself; pages log views, exports, verifications and deletions.
 */
import { AUDIT_GENESIS, auditLine, sealAuditEntry, type AuditAction, type AuditDetail, type AuditEntry } from '../crypto';
import type { CandidDb } from './db';
import { deviceIdentity } from './identity';
import type { Keyring } from './keyring';
import { openRecord, sealRecord } from './sealed-json';

const entryContext = (seq: number) => `candid/audit/${seq}`;

function isStoredEntry(value: unknown): value is AuditEntry {
  return typeof value === 'object' && value !== null && typeof (value as AuditEntry).hash === 'string';
}

export class AuditLog {
  /** Appends run one after another: each needs the hash of the one before. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: CandidDb,
    private readonly keyring: Keyring,
  ) {
    keyring.onChange((status) => {
      if (status === 'unlocked') void this.append('unlock', null).catch(() => undefined);
    });
  }

  append(action: AuditAction, interview: string | null, detail: AuditDetail = {}): Promise<AuditEntry> {
    const next = this.#queue.then(() => this.#append(action, interview, detail));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Every entry in order, as the JSON lines an evidence bundle carries. */
  async lines(): Promise<string> {
    const vaultKey = this.keyring.key();
    const rows = await this.db.audit.orderBy('seq').toArray();
    return rows.map((row) => auditLine(openRecord(vaultKey, row.sealed, entryContext(row.seq), isStoredEntry)) + '\n').join('');
  }

  async #append(action: AuditAction, interview: string | null, detail: AuditDetail): Promise<AuditEntry> {
    const vaultKey = this.keyring.key();
    const identity = await deviceIdentity(this.db, this.keyring);
    return this.db.transaction('rw', this.db.audit, async () => {
      const last = await this.db.audit.orderBy('seq').last();
      const previous = last && openRecord(vaultKey, last.sealed, entryContext(last.seq), isStoredEntry);
      const seq = previous ? previous.seq + 1 : 0;
      const entry = sealAuditEntry(
        { seq, at: new Date().toISOString(), action, interview, detail, prev: previous ? previous.hash : AUDIT_GENESIS },
        identity.secretKey,
      );
      // add(), not put(): an existing sequence number is never overwritten.
      await this.db.audit.add({ seq, sealed: sealRecord(vaultKey, entry, entryContext(seq)) });
      return entry;
    });
  }
}
