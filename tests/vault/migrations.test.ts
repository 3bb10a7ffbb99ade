// @vitest-environment node
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { CandidDb, schemaHistory } from '../../src/vault';

describe('schema migrations', () => {
  it('declares strictly increasing versions', () => {
    const versions = schemaHistory.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('upgrades a version-1 database to the current schema, keeping every row', async () => {
    const name = 'candid-migration-v1';
    const v1 = new CandidDb(name, schemaHistory.slice(0, 1));
    await v1.open();
    await v1.slices.bulkAdd(
      [0, 1, 2].map((seq) => ({ interviewId: 'iv', trackId: 't', seq, body: new Uint8Array(100 + seq), info: new Uint8Array(10) }) as never),
    );
    await v1.meta.add({ id: 'vault', kdf: {}, wrappedKey: new Uint8Array(72), createdAt: 5 });
    v1.close();

    const current = new CandidDb(name);
    await current.open();
    expect(current.verno).toBe(schemaHistory.at(-1)!.version);
    const slices = await current.slices.where('interviewId').equals('iv').sortBy('seq');
    expect(slices.map((s) => s.size)).toEqual([110, 111, 112]);
    expect(await current.meta.get('vault')).toMatchObject({ createdAt: 5 });
    current.close();
    await Dexie.delete(name);
  });

  it('opens a fresh database at the current version with every table', async () => {
    const db = new CandidDb('candid-migration-fresh');
    await db.open();
    expect(db.tables.map((t) => t.name).sort()).toEqual(['audit', 'deliveries', 'events', 'identity', 'interviews', 'meta', 'notes', 'recordings', 'slices', 'templates']);
    db.close();
  });
});
