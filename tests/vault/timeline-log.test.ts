// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TamperedDataError, TimelineLog } from '../../src/vault';
import { freshDb } from './helpers';

describe('TimelineLog', () => {
  it('keeps events in call order, sealed, and detects a moved row', async () => {
    const db = freshDb();
    const key = new Uint8Array(32).fill(5);
    const log = new TimelineLog(db, key, 'iv');
    await Promise.all([1, 2, 3].map((n) => log.append({ at: n, kind: 'chat', detail: { text: `secret message ${n}` } })));
    expect((await log.list()).map((e) => e.at)).toEqual([1, 2, 3]);
    for (const row of await db.events.toArray()) expect(Buffer.from(row.sealed).includes('secret')).toBe(false);
    const first = await db.events.get(['iv', 0]);
    await db.events.update(['iv', 2], { sealed: first!.sealed });
    await expect(log.list()).rejects.toBeInstanceOf(TamperedDataError);
  });
});
