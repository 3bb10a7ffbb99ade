/**
 * The bench page: a real vault in this browser's IndexedDB holding one
 * interview with a long synthetic recording, exported by the real
 * `exportBundle` into a file in the origin's private file system, as the app
 * does when no save dialog is available. The runner drives it through
 * `window.exportBench`.
 */
import type { InterviewId } from '../../../src/core';
import { exportBundle, type ExportVault } from '../../../src/evidence';
import { AuditLog, CandidDb, Interviews, Keyring, TrackWriter } from '../../../src/vault';
import {
  BENCH_GLOBAL,
  FIXTURE_FILE,
  PROGRESS_GLOBAL,
  type BenchPhase,
  type ExportBench,
  type ExportResult,
  type ExportSink,
  type FillResult,
  type ProgressCallback,
  type StageResult,
} from '../page-api';
import { planRecording, recordingSlices } from '../synthetic-webm';
import { measureStages } from './stages';

const INTERVIEW = 'YmVuY2gtZXhwb3J0LWlk' as InterviewId;
const STARTED_AT = Date.UTC(2026, 10, 23, 9);
const BUNDLE_FILE = 'bundle.zip';

interface Filled {
  vault: ExportVault;
  db: CandidDb;
  dataKey: Uint8Array;
}

let filled: Filled | null = null;

/** Progress to the runner, at most every 2% so the bench does not measure its own reporting. */
function progressReporter(phase: BenchPhase): (done: number, total: number) => void {
  const send = (window as unknown as Partial<Record<typeof PROGRESS_GLOBAL, ProgressCallback>>)[PROGRESS_GLOBAL];
  let next = 0;
  return (done, total) => {
    if (send === undefined || (done < next && done < total)) return;
    next = done + total / 50;
    send(phase, done, total);
  };
}

async function fill(targetBytes: number, sliceBytes: number): Promise<FillResult> {
  if (filled !== null) throw new Error('the vault is already filled');
  const fixture = new Uint8Array(await (await fetch(`./${FIXTURE_FILE}`)).arrayBuffer());
  const plan = planRecording(fixture, targetBytes, sliceBytes);
  const db = new CandidDb('candid-bench-export');
  const keyring = new Keyring(db);
  const audit = new AuditLog(db, keyring);
  await keyring.create('export benchmark passphrase');
  const interviews = new Interviews(db, keyring);
  await interviews.ensure({
    id: INTERVIEW,
    role: 'interviewer',
    createdAt: STARTED_AT,
    details: { candidateName: 'Bench Candidate', position: 'Export Benchmark' },
    candidateToken: 't',
    interviewerToken: 'i',
    candidateKey: null,
  });
  const dataKey = await interviews.dataKey(INTERVIEW);
  const writer = await TrackWriter.begin(db, dataKey, INTERVIEW, {
    kind: 'remote',
    subject: 'candidate',
    mimeType: 'video/webm;codecs=vp8,opus',
    startedAt: STARTED_AT,
    stoppedAt: null,
    stopReason: null,
  });
  const progress = progressReporter('fill');
  const started = performance.now();
  let bytes = 0;
  for (const slice of recordingSlices(plan)) {
    await writer.append(slice, STARTED_AT + writer.slices * 1000);
    bytes += slice.length;
    progress(writer.slices, plan.slices);
  }
  await writer.finish('stopped', STARTED_AT + writer.slices * 1000);
  const seconds = (performance.now() - started) / 1000;
  await audit.append('view', INTERVIEW);
  filled = { vault: { db, interviews, audit, keyring }, db, dataKey };
  return { slices: writer.slices, bytes, seconds };
}

/** The bundle's destination, and how to learn its size once written. */
async function openSink(kind: ExportSink): Promise<{ writable: WritableStream<Uint8Array>; size: () => Promise<number> }> {
  if (kind === 'null') {
    let bytes = 0;
    return { writable: new WritableStream({ write: (chunk) => void (bytes += chunk.length) }), size: async () => bytes };
  }
  const directory = await navigator.storage.getDirectory();
  await directory.removeEntry(BUNDLE_FILE).catch(() => undefined); // Absent on a first run.
  const handle = await directory.getFileHandle(BUNDLE_FILE, { create: true });
  return { writable: await handle.createWritable(), size: async () => (await handle.getFile()).size };
}

async function exportTo(kind: ExportSink): Promise<ExportResult> {
  if (filled === null) throw new Error('fill the vault first');
  const sink = await openSink(kind);
  const progress = progressReporter('export');
  const started = performance.now();
  let firstPass: number | null = null;
  const onProgress = (done: number, total: number) => {
    firstPass ??= performance.now();
    progress(done, total);
  };
  const written = await exportBundle(filled.vault, INTERVIEW, sink.writable, { onProgress });
  const ended = performance.now();
  const bundleBytes = await sink.size();
  return {
    seconds: (ended - started) / 1000,
    firstPassSeconds: ((firstPass ?? ended) - started) / 1000,
    bundleBytes,
    payloadBytes: written.payloadBytes,
    files: written.files.map(({ path, sha256 }) => ({ path, sha256 })),
  };
}

async function storage(): Promise<{ quota: number; usage: number }> {
  const estimate = await navigator.storage.estimate();
  return { quota: estimate.quota ?? 0, usage: estimate.usage ?? 0 };
}

async function stages(maxBytes: number): Promise<StageResult[]> {
  if (filled === null) throw new Error('fill the vault first');
  return measureStages(filled.db, filled.dataKey, INTERVIEW, maxBytes);
}

const bench: ExportBench = { fill, exportTo, stages, storage };
Object.assign(window, { [BENCH_GLOBAL]: bench });
const status = document.getElementById('status');
if (status) status.textContent = 'ready';
