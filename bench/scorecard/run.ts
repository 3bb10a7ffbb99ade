/**
 * bench/scorecard: how fast an edit reaches the other interviewers, and how
 * big the stored update log is before and after compaction.
 *
 *   npm run bench:scorecard [-- --edits 200 --rate 20]
 *
 * Latency: three Chromium contexts on loopback join the real scorecard room
 * through our signaling server; one types marked edits at a fixed rate, the
 * other two note when each arrives. Log size: 10,000 single-character edits
 * stored through the real NotesLog (sealed, fake-indexeddb), one row per
 * update, then compacted. Targets: p95 < 100 ms; compacted log ≤ 2 × snapshot.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import * as Y from 'yjs';
import { Scorecard } from '../../src/notes';
import { CandidDb, NotesLog } from '../../src/vault';
import { defaultLimits } from '../../signaling/config';
import { startServer } from '../../signaling/server';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const EDITS = option('edits', 200);
const RATE = option('rate', 20);
const LOG_EDITS = option('log-edits', 10_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function latency(): Promise<{ p50: number; p95: number; max: number; samples: number; lost: number }> {
  const outDir = await mkdtemp(join(tmpdir(), 'candid-bench-scorecard-'));
  await build({ root: fileURLToPath(new URL('./page', import.meta.url)), configFile: false, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const server = await startServer({ host: '127.0.0.1', port: 0, staticDir: outDir, iceServers: [], limits: { ...defaultLimits, messagesPerSecond: 1000, messageBurst: 2000 } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-features=WebRtcHideLocalIpsWithMdns'],
  });
  try {
    const pages: Page[] = [];
    for (const name of ['ada', 'ben', 'chen']) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.url}/?room=bench-room&name=${name}`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      pages.push(page);
    }
    for (const page of pages) await page.waitForFunction(() => (window as unknown as { bench: { peers(): number } }).bench.peers() === 2, undefined, { timeout: 30_000 });
    const [writer, ...readers] = pages as [Page, Page, Page];
    const sent = new Map<number, number>();
    for (let marker = 0; marker < EDITS; marker++) {
      sent.set(marker, await writer.evaluate((m) => (window as unknown as { bench: { edit(m: number): number } }).bench.edit(m), marker));
      await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const latencies: number[] = [];
    let lost = 0;
    for (const reader of readers) {
      const arrivals = await reader.evaluate(() => (window as unknown as { bench: { arrivals(): Record<string, number> } }).bench.arrivals());
      for (const [marker, at] of sent) {
        const arrived = arrivals[String(marker)];
        if (arrived === undefined) lost++;
        else latencies.push(arrived - at);
      }
    }
    latencies.sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    return { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(latencies.at(-1) ?? NaN), samples: latencies.length, lost };
  } finally {
    await browser.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

async function logSize(): Promise<{ edits: number; rows: number; bytesBefore: number; bytesAfter: number; snapshotBytes: number; ratioToSnapshot: number }> {
  const db = new CandidDb(`bench-notes-${Date.now()}`);
  const log = new NotesLog(db, new Uint8Array(32).fill(9), 'bench');
  const doc = new Y.Doc();
  const card = new Scorecard(doc);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < LOG_EDITS; i++) {
    card.takeaways.insert(card.takeaways.length, String.fromCharCode(97 + (i % 26)));
    if (i % 500 === 0) card.takeaways.delete(0, Math.min(10, card.takeaways.length));
  }
  // Worst case for storage: every update its own sealed row (no batching).
  for (const update of updates) await log.append(update);
  const before = await log.stats();
  const snapshot = Y.encodeStateAsUpdate(doc);
  await log.compact(snapshot, before.rows);
  const after = await log.stats();
  return {
    edits: LOG_EDITS,
    rows: before.rows,
    bytesBefore: before.bytes,
    bytesAfter: after.bytes,
    snapshotBytes: snapshot.byteLength,
    ratioToSnapshot: Math.round((after.bytes / snapshot.byteLength) * 100) / 100,
  };
}

async function main(): Promise<void> {
  const edit = await latency();
  const log = await logSize();
  console.error(`edit latency to 2 peers: p50 ${edit.p50} ms, p95 ${edit.p95} ms, max ${edit.max} ms over ${edit.samples} arrivals (${edit.lost} lost); target p95 < 100 ms`);
  console.error(`update log for ${log.edits} edits: ${log.rows} rows, ${log.bytesBefore} B → ${log.bytesAfter} B after compaction (snapshot ${log.snapshotBytes} B, ratio ${log.ratioToSnapshot}; target ≤ 2)`);
  console.log(JSON.stringify({ latencyMs: edit, log, params: { edits: EDITS, ratePerSecond: RATE, peers: 3 }, node: process.version }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
