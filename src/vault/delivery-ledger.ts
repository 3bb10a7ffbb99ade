/**
 * The recorder's side of delivery: how many slices of each of its tracks the
 * interviewer has acknowledged. Kept in the vault so a reload, a new day or a
 * delivery file picks up from the first unacknowledged slice; a count only
 * ever grows.
 */
import type { InterviewId } from '../core';
import type { CandidDb } from './db';
import { durably } from './recordings';
import { openRecord, sealRecord } from './sealed-json';

const context = (interviewId: string, trackId: string) => `candid/delivery/${interviewId}/${trackId}`;

const isAcked = (value: unknown): value is { acked: number } =>
  typeof value === 'object' && value !== null && Number.isSafeInteger((value as { acked?: unknown }).acked);

export class DeliveryLedger {
  constructor(
    private readonly db: CandidDb,
    private readonly dataKey: Uint8Array,
    readonly interviewId: InterviewId,
  ) {}

  /** Acknowledged slice counts by track id. */
  async acked(): Promise<Map<string, number>> {
    const rows = await this.db.deliveries.where('interviewId').equals(this.interviewId).toArray();
    return new Map(rows.map((row) => [row.trackId, openRecord(this.dataKey, row.sealed, context(this.interviewId, row.trackId), isAcked).acked]));
  }

  /** Records an acknowledgement; a lower count than the one stored changes nothing. Returns the count now stored. */
  async acknowledge(trackId: string, count: number): Promise<number> {
    const { db, dataKey, interviewId } = this;
    return db.transaction('rw', db.deliveries, async () => {
      const row = await db.deliveries.get([interviewId, trackId]);
      const stored = row === undefined ? 0 : openRecord(dataKey, row.sealed, context(interviewId, trackId), isAcked).acked;
      if (count <= stored) return stored;
      await durably(() => db.deliveries.put({ interviewId, trackId, sealed: sealRecord(dataKey, { acked: count }, context(interviewId, trackId)) }));
      return count;
    });
  }
}
