/**
 * The scorecard's storage: opaque update blobs (Yjs updates, though this
 * module does not know it), sealed under the interview's data key and
 * appended in order. Compaction replaces everything up to a point with one
 * snapshot, in one transaction, so a crash leaves either the old rows or the
 * new snapshot, never neither.
 */
import { open, seal } from '../crypto';
import type { CandidDb } from './db';
import { isQuotaError, StorageFullError, TamperedDataError } from './errors';

const context = (interviewId: string, seq: number) => `candid/notes/${interviewId}/${seq}`;

export class NotesLog {
  #nextSeq: number | null = null;

  constructor(
    private readonly db: CandidDb,
    private readonly dataKey: Uint8Array,
    readonly interviewId: string,
  ) {}

  #range() {
    return this.db.notes.where('[interviewId+seq]').between([this.interviewId, 0], [this.interviewId, Infinity]);
  }

  /** Every stored blob, oldest first, opened and checked. */
  async load(): Promise<Uint8Array[]> {
    const rows = await this.#range().toArray();
    this.#nextSeq = (rows.at(-1)?.seq ?? -1) + 1;
    return rows.map((row) => {
      try {
        return open(this.dataKey, row.sealed, context(this.interviewId, row.seq));
      } catch {
        throw new TamperedDataError(`scorecard update ${row.seq} of interview ${this.interviewId}`);
      }
    });
  }

  async append(update: Uint8Array): Promise<void> {
    const seq = (this.#nextSeq ??= ((await this.#range().last())?.seq ?? -1) + 1);
    this.#nextSeq = seq + 1;
    try {
      await this.db.notes.add({ interviewId: this.interviewId, seq, sealed: seal(this.dataKey, update, context(this.interviewId, seq)) });
    } catch (error) {
      throw isQuotaError(error) ? new StorageFullError(error) : error;
    }
  }

  /** Replaces the first `count` rows with `snapshot`, which must hold everything they held. */
  async compact(snapshot: Uint8Array, count: number): Promise<void> {
    await this.db.transaction('rw', this.db.notes, async () => {
      const rows = await this.#range().limit(count).primaryKeys();
      const last = rows.at(-1);
      if (last === undefined) return;
      // The snapshot takes the last replaced slot, so it sorts before every later update.
      await this.db.notes.bulkDelete(rows.slice(0, -1));
      await this.db.notes.put({ interviewId: this.interviewId, seq: last[1], sealed: seal(this.dataKey, snapshot, context(this.interviewId, last[1])) });
    });
  }

  async stats(): Promise<{ rows: number; bytes: number }> {
    let bytes = 0;
    let rows = 0;
    await this.#range().each((row) => {
      rows++;
      bytes += row.sealed.byteLength;
    });
    return { rows, bytes };
  }

  async delete(): Promise<void> {
    await this.#range().delete();
  }
}
