/**
 * What is stored where. Every sensitive value is a sealed envelope (see
 * crypto/envelope.ts) whose context names its slot; only ids, sequence
 * numbers, sizes and timestamps are in clear, because they are indexed.
 *
 *   meta        'vault': KDF parameters and the passphrase-wrapped vault key
 *   identity    'device': this device's Ed25519 key pair, sealed by the vault key
 *   interviews  per interview: its data key wrapped by the vault key, and the sealed record
 *   recordings  per track of an interview: sealed description (kind, codec, start, stop)
 *   slices      per slice: sealed bytes and sealed info (hash, chain link, time)
 *   audit       the append-only audit log: each entry sealed by the vault key
 *   notes       per interview: the scorecard's sealed Yjs updates (a snapshot, then updates)
 *   templates   scorecard rubrics saved per position, sealed by the vault key
 *   events      per interview: the timeline (joins, consent, questions, chat, markers, exits), sealed
 *   deliveries  per track we record: how many of its slices the interviewer has acknowledged, sealed
 *
 * Every write of evidence is durable ('strict'): it is on disk when the
 * transaction completes, not merely in the OS cache.
 */
import Dexie, { type Table, type Transaction } from 'dexie';

export interface MetaRow {
  id: 'vault';
  kdf: unknown;
  wrappedKey: Uint8Array;
  createdAt: number;
}

export interface IdentityRow {
  id: 'device' | 'profile';
  sealed: Uint8Array;
}

export interface InterviewRow {
  id: string;
  createdAt: number;
  wrappedKey: Uint8Array;
  sealed: Uint8Array;
}

export interface RecordingRow {
  interviewId: string;
  trackId: string;
  sealed: Uint8Array;
}

export interface AuditRow {
  seq: number;
  sealed: Uint8Array;
}

export interface NoteRow {
  interviewId: string;
  seq: number;
  sealed: Uint8Array;
}

export interface TemplateRow {
  id: string;
  sealed: Uint8Array;
}

export interface DeliveryRow {
  interviewId: string;
  trackId: string;
  sealed: Uint8Array;
}

export interface SliceRow {
  interviewId: string;
  trackId: string;
  seq: number;
  body: Uint8Array;
  info: Uint8Array;
  /** Bytes on disk for this slice (since schema 2): storage accounting without opening anything. */
  size: number;
}

/** Every schema this app has had, oldest first. Never edit a released entry: add one. */
export const schemaHistory: ReadonlyArray<{
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}> = [
  {
    version: 1,
    stores: {
      meta: 'id',
      identity: 'id',
      interviews: 'id, createdAt',
      recordings: '[interviewId+trackId], interviewId',
      slices: '[interviewId+trackId+seq], [interviewId+trackId]',
    },
  },
  {
    version: 2,
    stores: { slices: '[interviewId+trackId+seq], [interviewId+trackId], interviewId' },
    // Slices written before schema 2 learn their size from what is stored.
    upgrade: async (tx) => {
      await tx
        .table<SliceRow>('slices')
        .toCollection()
        .modify((row) => {
          row.size = row.body.byteLength + row.info.byteLength;
        });
    },
  },
  { version: 3, stores: { audit: 'seq' } },
  { version: 4, stores: { notes: '[interviewId+seq], interviewId', templates: 'id' } },
  { version: 5, stores: { events: '[interviewId+seq], interviewId' } },
  { version: 6, stores: { deliveries: '[interviewId+trackId], interviewId' } },
];

export const DB_NAME = 'candid';

export class CandidDb extends Dexie {
  meta!: Table<MetaRow, string>;
  identity!: Table<IdentityRow, string>;
  interviews!: Table<InterviewRow, string>;
  recordings!: Table<RecordingRow, [string, string]>;
  slices!: Table<SliceRow, [string, string, number]>;
  audit!: Table<AuditRow, number>;
  notes!: Table<NoteRow, [string, number]>;
  templates!: Table<TemplateRow, string>;
  events!: Table<NoteRow, [string, number]>;
  deliveries!: Table<DeliveryRow, [string, string]>;

  constructor(name = DB_NAME, history = schemaHistory) {
    super(name, { chromeTransactionDurability: 'strict' });
    for (const { version, stores, upgrade } of history) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}
