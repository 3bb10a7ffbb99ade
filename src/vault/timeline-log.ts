/** An interview's timeline, one sealed event per row, appended in order and durable before the next. */
import { isTimelineEvent, type TimelineEvent } from '../core';
import type { CandidDb } from './db';
import { isQuotaError, StorageFullError } from './errors';
import { openRecord, sealRecord } from './sealed-json';

const context = (interviewId: string, seq: number) => `candid/event/${interviewId}/${seq}`;

export class TimelineLog {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: CandidDb,
    private readonly dataKey: Uint8Array,
    readonly interviewId: string,
  ) {}

  #range() {
    return this.db.events.where('[interviewId+seq]').between([this.interviewId, 0], [this.interviewId, Infinity]);
  }

  /** Appends in call order, even when calls overlap. */
  append(event: TimelineEvent): Promise<void> {
    const next = this.#queue.then(async () => {
      const seq = ((await this.#range().last())?.seq ?? -1) + 1;
      try {
        await this.db.events.add({ interviewId: this.interviewId, seq, sealed: sealRecord(this.dataKey, event, context(this.interviewId, seq)) });
      } catch (error) {
        throw isQuotaError(error) ? new StorageFullError(error) : error;
      }
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async list(): Promise<TimelineEvent[]> {
    const rows = await this.#range().toArray();
    return rows.map((row) => openRecord(this.dataKey, row.sealed, context(this.interviewId, row.seq), isTimelineEvent));
  }
}
