/**
 * A real export from a vault (fake-indexeddb) holding a real Chromium
 * recording, written to a file; and zip surgery for the tampering tests.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InterviewId } from '../../src/core';
import { exportBundle } from '../../src/evidence';
import { AuditLog, CandidDb, Interviews, Keyring, TrackWriter } from '../../src/vault';

export const CANDIDATE = 'Zhang Wei 张伟';
export const POSITION = 'Staff Engineer';
const recording = new Uint8Array(readFileSync(fileURLToPath(new URL('../fixtures/recording-6s.webm', import.meta.url))));

let dbCounter = 0;

/** Builds a vault with one interview and its recording cut in uneven slices, as MediaRecorder hands them over. */
export async function exportedBundle(options: { password?: string } = {}): Promise<{ path: string; dir: string; bytes: Uint8Array }> {
  const db = new CandidDb(`evidence-test-${process.pid}-${dbCounter++}`);
  const keyring = new Keyring(db);
  const audit = new AuditLog(db, keyring);
  await keyring.create('evidence passphrase');
  const interviews = new Interviews(db, keyring);
  const id = 'aW50ZXJ2aWV3LWlk' as InterviewId;
  await interviews.ensure({ id, role: 'interviewer', createdAt: Date.UTC(2026, 10, 23, 9), details: { candidateName: CANDIDATE, position: POSITION }, candidateToken: 't', interviewerToken: 'i', candidateKey: null });
  const writer = await TrackWriter.begin(db, await interviews.dataKey(id), id, {
    kind: 'remote',
    subject: 'candidate',
    mimeType: 'video/webm;codecs=vp8,opus',
    startedAt: Date.UTC(2026, 10, 23, 9, 1),
    stoppedAt: null,
    stopReason: null,
  });
  for (let at = 0, n = 0; at < recording.length; n++) {
    const size = 20_000 + ((n * 7919) % 17_000);
    await writer.append(recording.slice(at, at + size), Date.UTC(2026, 10, 23, 9, 1, n));
    at += size;
  }
  await writer.finish('stopped', Date.UTC(2026, 10, 23, 9, 2));
  await audit.append('view', id);

  const dir = await mkdtemp(join(tmpdir(), 'candid-bundle-'));
  const path = join(dir, 'bundle.zip');
  const chunks: Uint8Array[] = [];
  const sink = new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(chunk.slice()) });
  await exportBundle({ db, interviews, audit, keyring }, id, sink, options, new Date(Date.UTC(2026, 10, 23, 12)));
  const bytes = Buffer.concat(chunks);
  await writeFile(path, bytes);
  return { path, dir, bytes: new Uint8Array(bytes) };
}

export const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
export const bytesOf = (value: string) => new Uint8Array(Buffer.from(value, 'utf8'));
export { readFile };
export { rezip, type Rewrite } from './zip-surgery';
