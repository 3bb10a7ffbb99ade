/**
 * bench/delivery: the candidate's recording delivered to the interviewer by
 * the real delivery code, between two Chromiums in network namespaces of
 * their own, over a candidate link limited with tc (tbf) to 20 Mbit/s. It
 * prints the throughput as a share of the link rate and, for a cut that keeps
 * the connections (the spare takes over) and one that needs new ones, the time from the link's
 * restore to the first slice stored after it, with 50 ms of delay each way
 * (iptables NFQUEUE and e2e/fixtures/delay-queue.py: this kernel has no
 * sch_netem). Targets (issue 7): at least 80% of the link, resume under 2 s.
 *
 *   sudo npm run bench:delivery                # 200 MB backlog
 *   sudo npm run bench:delivery -- --mb 40     # quick run
 *
 * Prints a table on stderr and one JSON line on stdout. Not a test: it never
 * fails on the figures, only when something breaks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestNetwork } from '../../e2e/fixtures/netns';
import { defaultLimits } from '../../signaling/config';
import { startServer } from '../../signaling/server';
import type { Cleanup} from '../export/harness';
import { log, runMain, withTimeout } from '../export/harness';
import { bucketCounters, namespacesOf, removeLeftovers } from './host';
import { readParams, usage, type BenchParams } from './options';
import { buildPage, openBenchPage } from './pages';
import { jsonLine, table } from './report';
import { now, runDelivery } from './scenario';

const SETUP_TIMEOUT_MS = 120_000;
/** Sealing the backlog in the page: generous, for a busy machine. */
const FILL_MS_PER_MB = 1_000;
/** A delivery slower than a quarter of the link is stuck, not slow. */
const SLOWEST_SHARE = 0.25;

async function bench(params: BenchParams, cleanup: Cleanup): Promise<void> {
  if (process.getuid?.() !== 0) throw new Error('bench:delivery needs root: it makes network namespaces and sets tc and nftables rules in them');
  const started = now();
  const loadBefore = loadavg()[0] ?? 0;
  const ours = `cnd-${process.pid.toString(36)}-`;
  const leftovers = await removeLeftovers();
  if (leftovers.removed.length > 0) log(`removed leftovers of killed runs: ${leftovers.removed.join(', ')}`);
  if (leftovers.kept.length > 0) log(`left alone (processes still inside): ${leftovers.kept.join(', ')}`);

  const network = new TestNetwork();
  cleanup.add(async () => {
    await network.cleanup();
    const left = await namespacesOf(ours);
    log(left.length === 0 ? 'namespaces removed' : `namespaces still present: ${left.join(', ')}`);
  });
  // The server listens on the host end of a namespace of its own, which each browser reaches through its gateway.
  const gateway = await network.addNamespace();
  const root = await mkdtemp(join(tmpdir(), 'candid-bench-delivery-'));
  cleanup.add(() => rm(root, { recursive: true, force: true }));
  await withTimeout(buildPage(root), SETUP_TIMEOUT_MS, 'building the bench page');
  const server = await startServer({ host: gateway.hostAddress, port: 0, staticDir: root, iceServers: [], limits: defaultLimits });
  cleanup.add(() => server.close());

  const candidateNs = await network.addNamespace();
  const interviewerNs = await network.addNamespace();
  await network.rate(candidateNs, params.rateMbit);
  // Held on the way in: the interviewer's takes the candidate's slices, the candidate's the wants and acknowledgements.
  if (params.delayMs > 0) for (const ns of [candidateNs, interviewerNs]) await network.delay(ns, params.delayMs);
  const candidate = await withTimeout(openBenchPage(network, candidateNs, server.url), SETUP_TIMEOUT_MS, 'opening the candidate page');
  const interviewer = await withTimeout(openBenchPage(network, interviewerNs, server.url), SETUP_TIMEOUT_MS, 'opening the interviewer page');
  log(`Chromium ${candidate.version}: candidate in ${candidateNs.name} (${candidateNs.address}, ${params.rateMbit} Mbit/s, ${params.delayMs} ms each way), interviewer in ${interviewerNs.name} (${interviewerNs.address})`);

  log(`sealing a ${(params.backlogBytes / 1e6).toFixed(0)} MB backlog into the candidate's vault`);
  const fillTimeout = SETUP_TIMEOUT_MS + (FILL_MS_PER_MB * params.backlogBytes) / 1e6;
  const fill = await withTimeout(candidate.call('fill', params.backlogBytes, params.sliceBytes), fillTimeout, 'sealing the backlog');
  log(`sealed ${fill.slices} slices in ${fill.seconds.toFixed(1)} s; delivering`);
  await interviewer.call('prepare', fill.recorderKey);

  const deliveryTimeout = SETUP_TIMEOUT_MS + (params.backlogBytes * 8 * 1000) / (params.rateMbit * 1e6 * SLOWEST_SHARE);
  const run = await runDelivery({ network, candidateNs, candidate, interviewer }, fill.slices, deliveryTimeout, params.cutMs, log);
  const bucket = await bucketCounters(candidateNs);
  const result = { params, fill, run, bucket, chromium: candidate.version, totalSeconds: (now() - started) / 1000, loadAverage: [loadBefore, loadavg()[0] ?? 0] as [number, number] };
  log('');
  log(table(result));
  process.stdout.write(`${jsonLine(result)}\n`);
}

runMain(usage, readParams, bench);
