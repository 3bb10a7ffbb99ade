/**
 * Interviews in the vault. Each has its own data key, wrapped by the vault
 * key, so one interview can later be shared without the others.
 */
import { isInterviewDetails, isInterviewSetup, isRole, type InterviewDetails, type InterviewId, type InterviewSetup, type Role } from '../core';
import { KEY_LENGTH, open, randomBytes, seal } from '../crypto';
import type { CandidDb } from './db';
import { TamperedDataError } from './errors';
import type { Keyring } from './keyring';
import { openRecord, sealRecord } from './sealed-json';

export interface InterviewRecord {
  id: InterviewId;
  /** Our role in this interview. */
  role: Role;
  createdAt: number;
  details: InterviewDetails | null;
  /** Invite tokens, so the interview can be rejoined from the archive. */
  candidateToken: string;
  interviewerToken: string | null;
  /** Interviewer side: the candidate device key pinned on first contact (base64url). */
  candidateKey: string | null;
  /** The creator's plan: schedule, questions, environment steps, retention. Absent for others. */
  setup?: InterviewSetup | null;
  /** Candidate side: the interviewers' delivery key (X25519, base64url), learned from their hello. */
  deliveryKey?: string | null;
}

function isInterviewRecord(value: unknown): value is InterviewRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    isRole(v.role) &&
    typeof v.createdAt === 'number' &&
    (v.details === null || isInterviewDetails(v.details)) &&
    typeof v.candidateToken === 'string' &&
    (v.interviewerToken === null || typeof v.interviewerToken === 'string') &&
    (v.candidateKey === null || typeof v.candidateKey === 'string') &&
    (v.setup === undefined || v.setup === null || isInterviewSetup(v.setup)) &&
    (v.deliveryKey === undefined || v.deliveryKey === null || typeof v.deliveryKey === 'string')
  );
}

const recordContext = (id: string) => `candid/interview/${id}`;
const keyContext = (id: string) => `candid/interview-key/${id}`;

export class Interviews {
  constructor(
    private readonly db: CandidDb,
    private readonly keyring: Keyring,
  ) {}

  /** Stores a new interview with a fresh data key; an existing one is returned unchanged. */
  async ensure(record: InterviewRecord): Promise<InterviewRecord> {
    const vaultKey = this.keyring.key();
    return this.db.transaction('rw', this.db.interviews, async () => {
      const existing = await this.get(record.id);
      if (existing !== null) return existing;
      const dataKey = randomBytes(KEY_LENGTH);
      await this.db.interviews.add({
        id: record.id,
        createdAt: record.createdAt,
        wrappedKey: seal(vaultKey, dataKey, keyContext(record.id)),
        sealed: sealRecord(dataKey, record, recordContext(record.id)),
      });
      return record;
    });
  }

  async get(id: InterviewId): Promise<InterviewRecord | null> {
    const row = await this.db.interviews.get(id);
    if (row === undefined) return null;
    const dataKey = this.#unwrap(row.id, row.wrappedKey);
    return openRecord(dataKey, row.sealed, recordContext(row.id), isInterviewRecord);
  }

  async update(id: InterviewId, change: (record: InterviewRecord) => InterviewRecord): Promise<InterviewRecord> {
    return this.db.transaction('rw', this.db.interviews, async () => {
      const row = await this.db.interviews.get(id);
      if (row === undefined) throw new Error(`no interview ${id}`);
      const dataKey = this.#unwrap(row.id, row.wrappedKey);
      const next = change(openRecord(dataKey, row.sealed, recordContext(id), isInterviewRecord));
      await this.db.interviews.update(id, { sealed: sealRecord(dataKey, { ...next, id }, recordContext(id)) });
      return next;
    });
  }

  /** Newest first. */
  async list(): Promise<InterviewRecord[]> {
    const rows = await this.db.interviews.orderBy('createdAt').reverse().toArray();
    return rows.map((row) => openRecord(this.#unwrap(row.id, row.wrappedKey), row.sealed, recordContext(row.id), isInterviewRecord));
  }

  /** Removes an interview and everything recorded for it, in one transaction. */
  async delete(id: InterviewId): Promise<void> {
    const { interviews, recordings, slices, notes, events, deliveries } = this.db;
    await this.db.transaction('rw', [interviews, recordings, slices, notes, events, deliveries], async () => {
      await slices.where('interviewId').equals(id).delete();
      await notes.where('interviewId').equals(id).delete();
      await events.where('interviewId').equals(id).delete();
      await deliveries.where('interviewId').equals(id).delete();
      await recordings.where('interviewId').equals(id).delete();
      await interviews.delete(id);
    });
  }

  /** The interview's data key: seals its recordings and records. */
  async dataKey(id: InterviewId): Promise<Uint8Array> {
    const row = await this.db.interviews.get(id);
    if (row === undefined) throw new Error(`no interview ${id}`);
    return this.#unwrap(row.id, row.wrappedKey);
  }

  #unwrap(id: string, wrappedKey: Uint8Array): Uint8Array {
    const vaultKey = this.keyring.key();
    try {
      return open(vaultKey, wrappedKey, keyContext(id));
    } catch {
      throw new TamperedDataError(keyContext(id));
    }
  }
}
