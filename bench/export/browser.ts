/**
 * The bench page in a real Chromium: built with Vite, served by our own
 * server, opened in a persistent profile (Playwright's other contexts are
 * off-the-record, where IndexedDB lives in memory and quota is small).
 */
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromiumPath } from '../../playwright.config';
import { defaultLimits } from '../../signaling/config';
import { startServer, type SignalingServer } from '../../signaling/server';
import type { BrowserProcess, HeapUsage } from './memory';
import { BENCH_GLOBAL, FIXTURE_FILE, PROGRESS_GLOBAL, type ExportBench, type ProgressCallback } from './page-api';

export const FIXTURE = fileURLToPath(new URL('../../tests/fixtures/recording-6s.webm', import.meta.url));

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Builds the page into `outDir` (unminified when profiling, so the profile names functions) with the fixture beside it. */
export async function buildPage(outDir: string, minify: boolean): Promise<void> {
  await build({
    root: fileURLToPath(new URL('./page', import.meta.url)),
    configFile: false,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, minify },
  });
  await copyFile(FIXTURE, join(outDir, FIXTURE_FILE));
}

export function servePage(outDir: string): Promise<SignalingServer> {
  return startServer({ host: '127.0.0.1', port: 0, staticDir: outDir, iceServers: [], limits: defaultLimits });
}

export interface BenchBrowser {
  context: BrowserContext;
  page: Page;
  /** Browser target: SystemInfo. */
  browserSession: CDPSession;
  /** Page target: Runtime, HeapProfiler, Profiler, Storage. */
  pageSession: CDPSession;
  version: string;
}

export async function openBenchPage(userDataDir: string, url: string, onProgress: ProgressCallback): Promise<BenchBrowser> {
  // The runner closes the browser on Ctrl-C itself, after which it removes the profile; Playwright's handlers would exit first.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const browser = context.browser();
  if (browser === null) throw new Error('no browser behind the persistent context');
  const page = context.pages()[0] ?? (await context.newPage());
  await page.exposeFunction(PROGRESS_GLOBAL, onProgress);
  await page.goto(url);
  await page.waitForFunction((name) => name in window, BENCH_GLOBAL, { timeout: 20_000 });
  return { context, page, browserSession: await browser.newBrowserCDPSession(), pageSession: await context.newCDPSession(page), version: browser.version() };
}

/**
 * Not the export's: Chromium starts its on-device model service three
 * minutes after launch to rate the machine (whatever --disable-features
 * says), and the tracing service runs only for our --allocators dumps.
 */
const UNRELATED_PROCESS = /^(on_device_model|tracing)\./;

export async function browserProcesses(session: CDPSession): Promise<Array<BrowserProcess & { cpuTime: number; unrelated: boolean }>> {
  const { processInfo } = await session.send('SystemInfo.getProcessInfo');
  return processInfo.map(({ id, type, cpuTime }) => ({ pid: id, type, cpuTime, unrelated: UNRELATED_PROCESS.test(type) }));
}

/** The renderer that worked hardest between two listings: the page's, since it just filled the vault. */
export function busiestRenderer(before: ReadonlyArray<BrowserProcess & { cpuTime: number }>, after: ReadonlyArray<BrowserProcess & { cpuTime: number }>): number {
  const start = new Map(before.map((p) => [p.pid, p.cpuTime]));
  const renderers = after.filter((p) => p.type === 'renderer').map((p) => ({ pid: p.pid, work: p.cpuTime - (start.get(p.pid) ?? 0) }));
  const busiest = renderers.sort((a, b) => b.work - a.work)[0];
  if (busiest === undefined) throw new Error('Chromium reports no renderer process');
  return busiest.pid;
}

export async function heapUsage(session: CDPSession): Promise<HeapUsage> {
  const usage = await session.send('Runtime.getHeapUsage');
  return { used: usage.usedSize, backing: usage.backingStorageSize };
}

/** Full garbage collection in the page, so the baseline does not include the fill's garbage. */
export async function collectGarbage(session: CDPSession): Promise<void> {
  await session.send('HeapProfiler.collectGarbage');
}

/** Raises the origin's quota when the profile's default share of the disk would not hold the vault and the bundle. */
export async function ensureQuota(session: CDPSession, origin: string, quota: number, needed: number): Promise<boolean> {
  if (quota >= needed) return false;
  await session.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: needed });
  return true;
}

/** Calls a method of `window.exportBench` in the page. */
export function callBench<K extends keyof ExportBench>(page: Page, method: K, ...args: Parameters<ExportBench[K]>): Promise<Awaited<ReturnType<ExportBench[K]>>> {
  return page.evaluate(
    ({ name, method, args }) => {
      const bench = (window as unknown as Record<string, ExportBench | undefined>)[name];
      if (bench === undefined) throw new Error('the bench page did not load');
      return (bench[method] as unknown as (...values: unknown[]) => Promise<unknown>)(...args);
    },
    { name: BENCH_GLOBAL, method, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<ExportBench[K]>>>;
}

/** CPU seconds spent during the export by the page renderer and by the other Chromium processes. */
export function cpuSeconds(
  before: ReadonlyArray<{ pid: number; cpuTime: number }>,
  after: ReadonlyArray<{ pid: number; cpuTime: number; unrelated: boolean }>,
  renderer: number,
): { renderer: number; others: number } {
  const start = new Map(before.map((p) => [p.pid, p.cpuTime]));
  let others = 0;
  let page = 0;
  for (const { pid, cpuTime, unrelated } of after) {
    if (unrelated) continue;
    const spent = cpuTime - (start.get(pid) ?? 0);
    if (pid === renderer) page = spent;
    else others += spent;
  }
  return { renderer: page, others };
}
