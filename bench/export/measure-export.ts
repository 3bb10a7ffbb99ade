/**
 * The measured part of the run: the export, with every Chromium process's
 * memory and the page's heap sampled from a settled baseline to the end,
 * CPU time per process, and optionally a CPU profile.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserProcesses, callBench, collectGarbage, cpuSeconds, heapUsage, type BenchBrowser } from './browser';
import { AllocatorDumps, type AllocatorSnapshot } from './allocators';
import { withTimeout } from './harness';
import { MemorySampler, resident, type MemorySummary, type Resident } from './memory';
import type { ExportResult, ExportSink } from './page-api';
import { startProfile, stopProfile, type ProfileSummary } from './profile';

const SETTLE_MS = 1_000;
/** After the export and a full GC: long enough for the allocators to hand free pages back. */
const AFTER_GC_SETTLE_MS = 2_000;

export interface ExportMeasurement {
  exported: ExportResult;
  memory: MemorySummary;
  /** CPU seconds during the export. */
  cpu: { renderer: number; others: number };
  profile: ProfileSummary | null;
  /** The page renderer after the export, a full GC and a short wait: what the export leaves behind. */
  afterGc: Resident | null;
  allocators: AllocatorSnapshot[] | null;
}

export interface MeasureOptions {
  sink: ExportSink;
  sampleMs: number;
  timeoutMs: number;
  /** The built page, to map a CPU profile to modules; null for no profile. */
  profileBundleDir: string | null;
  /** Interval of memory-infra dumps during the export; null for none. */
  allocatorDumpMs: number | null;
}

async function bundleScript(outDir: string): Promise<{ name: string; text: string }> {
  const name = (await readdir(join(outDir, 'assets'))).find((file) => file.endsWith('.js'));
  if (name === undefined) throw new Error('the bench page has no script');
  return { name, text: await readFile(join(outDir, 'assets', name), 'utf8') };
}

export async function measureExport(browser: BenchBrowser, rendererPid: number, options: MeasureOptions): Promise<ExportMeasurement> {
  const { page, browserSession, pageSession } = browser;
  // The fill's garbage is not the export's memory.
  await collectGarbage(pageSession);
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const sampler = new MemorySampler(
    {
      processes: async () => (await browserProcesses(browserSession)).map(({ pid, type, unrelated }) => ({ pid, type: pid === rendererPid ? 'page renderer' : type, unrelated })),
      heap: () => heapUsage(pageSession),
    },
    options.sampleMs,
  );
  await sampler.baseline();
  const dumps = options.allocatorDumpMs === null ? null : new AllocatorDumps(browserSession, rendererPid);
  await dumps?.start();
  await dumps?.dump('baseline');
  if (options.profileBundleDir !== null) await startProfile(pageSession);
  const cpuBefore = await browserProcesses(browserSession);
  sampler.start();
  const started = Date.now();
  const stopDumping = dumps === null ? () => Promise.resolve() : dumpEvery(dumps, options.allocatorDumpMs ?? 0, started);
  let exported: ExportResult;
  try {
    exported = await withTimeout(callBench(page, 'exportTo', options.sink), options.timeoutMs, 'exporting');
  } catch (error) {
    await stopDumping();
    await sampler.stop();
    throw error;
  }
  await stopDumping();
  // The page's clock started within milliseconds of `started`: close enough for 100 ms samples.
  sampler.mark(started + exported.firstPassSeconds * 1000);
  const memory = await sampler.stop();
  await dumps?.dump('end of export');
  const cpu = cpuSeconds(cpuBefore, await browserProcesses(browserSession), rendererPid);
  let profile: ProfileSummary | null = null;
  if (options.profileBundleDir !== null) {
    const script = await bundleScript(options.profileBundleDir);
    profile = await stopProfile(pageSession, script.text, script.name);
  }
  await collectGarbage(pageSession);
  await new Promise((resolve) => setTimeout(resolve, AFTER_GC_SETTLE_MS));
  const afterGc = resident(rendererPid);
  await dumps?.dump('after GC');
  const allocators = (await dumps?.finish()) ?? null;
  return { exported, memory, cpu, profile, afterGc, allocators };
}

/** Dumps every `intervalMs` until the returned function is called; a dump still running delays the next. */
function dumpEvery(dumps: AllocatorDumps, intervalMs: number, started: number): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = dumps
      .dump(`+${Math.round((Date.now() - started) / 1000)} s`)
      .catch(() => undefined) // A dump refused while the page is busy is a missing row, not a failed run.
      .finally(() => (busy = false));
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
