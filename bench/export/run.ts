/**
 * bench/export: exports an interview whose recording is 1 GiB (by default)
 * from a real vault in Chromium, and prints MB/s and peak memory beside
 * `zip -0` plus `sha256sum` over the same bytes in the same run.
 *
 *   npm run bench:export                    # 1 GiB
 *   npm run bench:export -- --size-mb 100   # quick run
 *   npm run bench:export -- --profile       # and where the export's CPU time goes
 *   npm run bench:export -- --stages        # and each stage of the export timed alone
 *   npm run bench:export -- --sink null     # export into a sink that drops the bytes
 *   npm run bench:export -- --allocators    # and what the renderer's memory is made of
 *
 * Prints a table on stderr and one JSON line on stdout. Not a test: it never
 * fails on the figures, only when something breaks.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { browserProcesses, buildPage, busiestRenderer, callBench, ensureQuota, FIXTURE, openBenchPage, servePage } from './browser';
import type { Cleanup} from './harness';
import { log, progressLogger, runMain, withTimeout } from './harness';
import { measureExport } from './measure-export';
import { readParams, usage, type BenchParams } from './options';
import { expectedWebmSha256, runReference } from './reference';
import { jsonLine, table, type BenchResult } from './report';
import { planRecording } from './synthetic-webm';

/** Generous bounds: a phase that takes longer than this is stuck, not slow. */
const BASE_TIMEOUT_MS = 120_000;
const TIMEOUT_MS_PER_MIB = 1_500;

async function bench(params: BenchParams, cleanup: Cleanup): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const plan = planRecording(new Uint8Array(await readFile(FIXTURE)), params.targetBytes, params.sliceBytes);
  const phaseTimeout = Math.round(BASE_TIMEOUT_MS + (TIMEOUT_MS_PER_MIB * plan.totalBytes) / 2 ** 20);
  log(`recording: ${(plan.totalBytes / 1e6).toFixed(1)} MB, ${plan.slices} slices of ${plan.sliceBytes} bytes, ${plan.loops} loops of the fixture`);

  const root = await mkdtemp(join(tmpdir(), 'candid-bench-export-'));
  cleanup.add(() => rm(root, { recursive: true, force: true }));
  const outDir = join(root, 'page');
  const profileDir = join(root, 'chromium-profile');
  await withTimeout(buildPage(outDir, !params.profile), BASE_TIMEOUT_MS, 'building the bench page');
  const server = await servePage(outDir);
  cleanup.add(() => server.close());
  const browser = await withTimeout(openBenchPage(profileDir, `${server.url}/`, progressLogger()), BASE_TIMEOUT_MS, 'starting Chromium');
  cleanup.add(() => browser.context.close());
  const { page, browserSession, pageSession } = browser;

  const { quota } = await callBench(page, 'storage');
  const quotaOverridden = await ensureQuota(pageSession, new URL(server.url).origin, quota, 3 * plan.totalBytes);
  log(`Chromium ${browser.version}, origin quota ${(quota / 1e9).toFixed(1)} GB${quotaOverridden ? ', raised' : ''}; filling the vault`);

  const beforeFill = await browserProcesses(browserSession);
  const fill = await withTimeout(callBench(page, 'fill', params.targetBytes, params.sliceBytes), phaseTimeout, 'filling the vault');
  if (fill.bytes !== plan.totalBytes) throw new Error(`the page stored ${fill.bytes} bytes, Node planned ${plan.totalBytes}`);
  const rendererPid = busiestRenderer(beforeFill, await browserProcesses(browserSession));
  log(`filled in ${fill.seconds.toFixed(1)} s; page renderer is process ${rendererPid}; settling before the export`);

  const { exported, memory, cpu, profile, afterGc, allocators } = await measureExport(browser, rendererPid, {
    sink: params.sink,
    sampleMs: params.sampleMs,
    timeoutMs: phaseTimeout,
    profileBundleDir: params.profile ? outDir : null,
    allocatorDumpMs: params.allocatorDumpMs,
  });
  log(`exported in ${exported.seconds.toFixed(1)} s`);
  const stages = params.stageBytes > 0 ? await withTimeout(callBench(page, 'stages', params.stageBytes), phaseTimeout, 'timing the stages') : null;
  log('closing Chromium, then the reference');
  await browser.context.close();
  await rm(profileDir, { recursive: true, force: true });

  const webm = exported.files.find((file) => file.path.endsWith('.webm'));
  const webmSha256Matches = webm !== undefined && webm.sha256 === (await expectedWebmSha256(plan));
  const reference = await runReference(plan, root, phaseTimeout);
  const result: BenchResult = {
    plan,
    fill,
    exported,
    webmSha256Matches,
    memory,
    afterGc,
    allocators,
    reference,
    profile,
    stages,
    sink: params.sink,
    quotaOverridden,
    cpu,
    loadAverage: [loadBefore, loadavg()[0] ?? 0],
    totalSeconds: (performance.now() - started) / 1000,
    chromium: browser.version,
  };
  log('');
  log(table(result));
  process.stdout.write(`${jsonLine(result)}\n`);
}

runMain(usage, readParams, bench);
