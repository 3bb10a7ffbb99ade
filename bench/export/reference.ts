/**
 * The yardstick, in the same run: the same recording bytes written to a
 * file by Node, then `zip -0` (store, CRC-32) and `sha256sum` over them,
 * timed as child processes. Also what the exported WebM's SHA-256 must be,
 * computed here independently of the browser.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeWebm } from '../../src/media/webm';
import { recordingSlices, type Plan } from './synthetic-webm';

export interface ReferenceResult {
  zipSeconds: number;
  sha256Seconds: number;
  mbPerSecond: number;
  recordingSha256: string;
}

/** The SHA-256 the bundle's manifest must give the WebM: the seekable header, then the recording from its first Cluster. */
export async function expectedWebmSha256(plan: Plan): Promise<string> {
  const layout = await analyzeWebm(
    (async function* () {
      yield* recordingSlices(plan);
    })(),
    { tolerateCutTail: true },
  );
  const hash = createHash('sha256').update(layout.header);
  let offset = 0;
  for (const slice of recordingSlices(plan)) {
    const start = Math.max(layout.bodyOffset - offset, 0);
    const end = Math.min(layout.bodyEnd - offset, slice.length);
    if (end > start) hash.update(slice.subarray(start, end));
    offset += slice.length;
  }
  return hash.digest('hex');
}

/** Writes the recording and flushes it, so the timed commands do not compete with write-back. */
function writeRecording(plan: Plan, path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  try {
    for (const slice of recordingSlices(plan)) {
      hash.update(slice);
      for (let at = 0; at < slice.length; ) at += writeSync(fd, slice, at);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function timed(command: string, args: string[], cwd: string, timeoutMs: number): Promise<{ seconds: number; stdout: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}`));
      else resolve({ seconds: (performance.now() - started) / 1000, stdout });
    });
  });
}

export async function runReference(plan: Plan, dir: string, timeoutMs: number): Promise<ReferenceResult> {
  const recording = 'recording.webm';
  const recordingSha256 = writeRecording(plan, join(dir, recording));
  try {
    const zip = await timed('zip', ['-0', '-q', 'ref.zip', recording], dir, timeoutMs);
    const sha = await timed('sha256sum', [recording], dir, timeoutMs);
    if (sha.stdout.split(/\s/)[0] !== recordingSha256) throw new Error('sha256sum disagrees with Node about the recording');
    return {
      zipSeconds: zip.seconds,
      sha256Seconds: sha.seconds,
      mbPerSecond: plan.totalBytes / 1e6 / (zip.seconds + sha.seconds),
      recordingSha256,
    };
  } finally {
    await rm(join(dir, 'ref.zip'), { force: true });
    await rm(join(dir, recording), { force: true });
  }
}
