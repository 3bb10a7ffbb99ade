/**
 * bench/vault: throughput of the recording storage path, and what share of
 * one core a full-quality recording costs.
 *
 *   npm run bench:vault
 *
 * Slices are one second of 2.5 Mbit/s video plus 128 kbit/s audio (about
 * 330 KB), as the recorder hands them over. Measured per stage: seal
 * (XSalsa20-Poly1305), open, SHA-256 plus chain link, and the whole
 * TrackWriter.append (hash, chain, seal slice and info, IndexedDB write; the
 * write goes to fake-indexeddb here, so that stage is an upper bound on CPU).
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import type { InterviewId } from '../../src/core';
import { CHAIN_START, nextChainLink, open, randomBytes, seal, sha256 } from '../../src/crypto';
import { CandidDb, Interviews, Keyring, TrackWriter } from '../../src/vault';

const BITS_PER_SECOND = 2_500_000 + 128_000;
const SLICE_BYTES = Math.round(BITS_PER_SECOND / 8);
const SLICES = Number(process.env.SLICES ?? 300);
const MB = 1_000_000;

function measure(label: string, bytesPerRun: number, runs: number, work: (i: number) => void): { label: string; mbPerSecond: number } {
  for (let i = 0; i < 5; i++) work(i); // warm up the JIT
  const start = performance.now();
  for (let i = 0; i < runs; i++) work(i);
  const seconds = (performance.now() - start) / 1000;
  return { label, mbPerSecond: (bytesPerRun * runs) / MB / seconds };
}

async function measureAppend(): Promise<{ label: string; mbPerSecond: number }> {
  const db = new CandidDb(`bench-${Date.now()}`);
  const keyring = new Keyring(db);
  await keyring.create('benchmark passphrase');
  const interviews = new Interviews(db, keyring);
  const id = 'bench' as InterviewId;
  await interviews.ensure({ id, role: 'candidate', createdAt: 0, details: null, candidateToken: '', interviewerToken: null, candidateKey: null });
  const writer = await TrackWriter.begin(db, await interviews.dataKey(id), id, {
    kind: 'self',
    subject: 'candidate',
    mimeType: 'video/webm',
    startedAt: 0,
    stoppedAt: null,
    stopReason: null,
  });
  const slice = randomBytes(SLICE_BYTES);
  const start = performance.now();
  for (let i = 0; i < SLICES; i++) await writer.append(slice, i);
  const seconds = (performance.now() - start) / 1000;
  return { label: 'TrackWriter.append (fake-indexeddb)', mbPerSecond: (SLICE_BYTES * SLICES) / MB / seconds };
}

async function main(): Promise<void> {
  const key = randomBytes(32);
  const slice = randomBytes(SLICE_BYTES);
  const sealed = seal(key, slice, 'bench/0');
  const results = [
    measure('seal', SLICE_BYTES, SLICES, (i) => seal(key, slice, `bench/${i}`)),
    measure('open', SLICE_BYTES, SLICES, () => open(key, sealed, 'bench/0')),
    measure('sha256 + chain link', SLICE_BYTES, SLICES, (i) => nextChainLink(CHAIN_START, i, sha256(slice))),
    await measureAppend(),
  ];
  const recordingMbPerSecond = BITS_PER_SECOND / 8 / MB;
  const [sealResult] = results;
  const append = results[results.length - 1];
  if (sealResult === undefined || append === undefined) throw new Error('no measurements');
  const line = {
    sliceBytes: SLICE_BYTES,
    slices: SLICES,
    throughputMBps: Object.fromEntries(results.map((r) => [r.label, Number(r.mbPerSecond.toFixed(1))])),
    recordingMBps: Number(recordingMbPerSecond.toFixed(3)),
    coreShareForOneRecordingPercent: {
      sealOnly: Number(((100 * recordingMbPerSecond) / sealResult.mbPerSecond).toFixed(2)),
      wholeAppend: Number(((100 * recordingMbPerSecond) / append.mbPerSecond).toFixed(2)),
    },
    targetPercent: 2,
    node: process.version,
  };
  for (const r of results) console.error(`${r.label.padEnd(38)} ${r.mbPerSecond.toFixed(1).padStart(7)} MB/s`);
  console.error(`one ${BITS_PER_SECOND / 1e6} Mbit/s recording costs ${line.coreShareForOneRecordingPercent.wholeAppend}% of a core (target < 2%)`);
  console.log(JSON.stringify(line));
}

void main();
