/**
 * Where an export's time goes, stage by stage, over the first slices of the
 * stored track: each stage the exporter chains, timed on its own, so their
 * MB/s can be set beside the whole export's. Runs after the export, in the
 * same page and vault.
 *
 *   read-track      readTrack: IndexedDB read, secretbox open, SHA-256 and chain check (each export pass does this)
 *   idb-get         IndexedDB reads of the sealed rows alone
 *   secretbox-open  tweetnacl open of one slice
 *   sha256-noble    @noble/hashes SHA-256 (the chain check and the manifest hash)
 *   sha256-webcrypto  crypto.subtle.digest, for comparison
 *   zip-store       zip.js level 0 (CRC-32, headers) into a sink that drops everything
 *   opfs-write      FileSystemWritableFileStream writes of the same bytes
 */
import type { InterviewId } from '../../../src/core';
import { open, randomBytes, seal, sha256 } from '../../../src/crypto';
import { listTracks, readTrack, type CandidDb } from '../../../src/vault';
import { ZipWriter } from '../../../src/evidence/zip';
import type { StageResult } from '../page-api';

const SCRATCH_FILE = 'stage-scratch.bin';

class Stopwatch {
  readonly totals = new Map<string, { bytes: number; ms: number }>();

  add(stage: string, bytes: number, ms: number): void {
    const total = this.totals.get(stage) ?? { bytes: 0, ms: 0 };
    this.totals.set(stage, { bytes: total.bytes + bytes, ms: total.ms + ms });
  }

  async time<T>(stage: string, bytes: number, work: () => T | Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    this.add(stage, bytes, performance.now() - started);
    return result;
  }
}

/**
 * Reads the stored track up to `maxBytes` with readTrack, timing each step of
 * the iteration, and runs the per-slice stages on each slice as it comes.
 * Returns a few slices to feed the zip and OPFS stages.
 */
async function perSlice(db: CandidDb, dataKey: Uint8Array, id: InterviewId, trackId: string, maxBytes: number, watch: Stopwatch): Promise<Uint8Array[]> {
  const sample: Uint8Array[] = [];
  const key = randomBytes(32);
  const iterator = readTrack(db, dataKey, id, trackId)[Symbol.asyncIterator]();
  let read = 0;
  while (read < maxBytes) {
    const started = performance.now();
    const next = await iterator.next();
    if (next.done) break;
    const { bytes } = next.value;
    watch.add('read-track', bytes.length, performance.now() - started);
    read += bytes.length;
    const sealed = seal(key, bytes, 'bench/stage');
    await watch.time('secretbox-open', bytes.length, () => open(key, sealed, 'bench/stage'));
    await watch.time('sha256-noble', bytes.length, () => sha256(bytes));
    await watch.time('sha256-webcrypto', bytes.length, () => crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
    if (sample.length < 8) sample.push(bytes);
  }
  await iterator.return?.(undefined);
  for (let seq = 0, bytes = 0; bytes < read; seq++) {
    const started = performance.now();
    const row = await db.slices.get([id, trackId, seq]);
    if (row === undefined) break;
    watch.add('idb-get', row.body.length, performance.now() - started);
    bytes += row.body.length;
  }
  return sample;
}

function repeated(sample: readonly Uint8Array[], totalBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = sample[index++ % sample.length];
      if (next === undefined || sent >= totalBytes) return controller.close();
      sent += next.length;
      controller.enqueue(next);
    },
  });
}

async function zipStore(sample: readonly Uint8Array[], bytes: number, watch: Stopwatch): Promise<void> {
  const sink = new WritableStream<Uint8Array>({ write: () => undefined });
  await watch.time('zip-store', bytes, async () => {
    const zip = new ZipWriter(sink, { zip64: true, keepOrder: true });
    await zip.add('data/recording.webm', repeated(sample, bytes), { level: 0 });
    await zip.close();
  });
}

async function opfsWrite(sample: readonly Uint8Array[], bytes: number, watch: Stopwatch): Promise<void> {
  const directory = await navigator.storage.getDirectory();
  const handle = await directory.getFileHandle(SCRATCH_FILE, { create: true });
  try {
    await watch.time('opfs-write', bytes, async () => {
      const writable = await handle.createWritable();
      await repeated(sample, bytes).pipeTo(writable);
    });
  } finally {
    await directory.removeEntry(SCRATCH_FILE);
  }
}

export async function measureStages(db: CandidDb, dataKey: Uint8Array, id: InterviewId, maxBytes: number): Promise<StageResult[]> {
  const [track] = await listTracks(db, dataKey, id);
  if (track === undefined) throw new Error('no track to measure');
  const watch = new Stopwatch();
  const sample = await perSlice(db, dataKey, id, track.trackId, maxBytes, watch);
  const read = watch.totals.get('read-track')?.bytes ?? 0;
  await zipStore(sample, read, watch);
  await opfsWrite(sample, read, watch);
  return [...watch.totals.entries()].map(([stage, { bytes, ms }]) => ({ stage, bytes, seconds: ms / 1000, mbPerSecond: bytes / 1e6 / (ms / 1000) }));
}
