/**
 * The same load against one server: connect rooms of two, read idle memory,
 * publish at a fixed rate, then open connections until the server stops
 * accepting them or the cap is reached.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientWorker, split } from './client-pool';
import type { BenchParams } from './options';
import { cpuSeconds, residentBytes } from './proc-stats';
import { RunningServer, type ServerSpec } from './servers';
import { distribution, round, sortedOf, type Distribution } from './stats';

export interface ServerResult {
  connectionsHeld: number;
  connectMs: { total: number; p50: number; p99: number };
  latencyMs: Distribution;
  lost: number;
  rssPerIdleConnectionBytes: number;
  /** V8 heap in use after a full GC, per idle connection: what the connections retain, without handshake garbage. */
  heapPerIdleConnectionBytes: number;
  serverCpuPercent: number;
  /** Context for the figures above. */
  detail: {
    connected: number;
    connectFailures: number;
    connectErrors: string[];
    published: number;
    delivered: number;
    echoes: number;
    rssBeforeBytes: number;
    rssIdleBytes: number;
    heapBeforeBytes: number;
    heapIdleBytes: number;
    rssAfterLoadBytes: number;
    maxPhase: { attempted: number; failed: number; errors: string[]; stoppedBy: 'cap' | 'failures' | 'time' } | null;
    serverExit: string | null;
  };
}

type Log = (line: string) => void;

/** Pairs each worker with its share; `shares` comes from split() and has one entry per worker. */
function zip<T>(workers: ClientWorker[], shares: T[]): Array<[ClientWorker, T]> {
  return workers.flatMap((worker, i) => {
    const share = shares[i];
    return share === undefined ? [] : [[worker, share] as [ClientWorker, T]];
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const ms = (value: number) => round(value, 2);

export async function measureServer(spec: ServerSpec, params: BenchParams, log: Log): Promise<ServerResult> {
  const server = await RunningServer.start(spec);
  const workers = Array.from({ length: params.workers }, () => new ClientWorker());
  try {
    return await phases(server, workers, params, (line) => log(`[${spec.name}] ${line}`));
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
  }
}

async function phases(server: RunningServer, workers: ClientWorker[], params: BenchParams, log: Log): Promise<ServerResult> {
  await sleep(1000);
  const rssBeforeBytes = residentBytes(server.pid);
  const heapBeforeBytes = await server.heapUsedAfterGc();

  const rooms = await connectRooms(server, workers, params, log);
  await sleep(params.settleMs);
  const rssIdleBytes = residentBytes(server.pid);
  const heapIdleBytes = await server.heapUsedAfterGc();

  const load = await publishLoad(server, workers, rooms.readyPairs, params, log);
  const rssAfterLoadBytes = residentBytes(server.pid);

  const maxPhase = params.maxConnections === null ? null : await holdMost(server, workers, params, rooms.opened, log);
  const verified = await Promise.all(workers.map((w) => w.request('verify', { timeoutMs: params.handshakeTimeoutMs })));
  const connectionsHeld = sum(verified.map((v) => v.alive));
  log(`${connectionsHeld} connections held`);

  const perConnection = (bytes: number) => Math.round(bytes / Math.max(1, rooms.opened));
  return {
    connectionsHeld,
    connectMs: { total: ms(rooms.totalMs), p50: ms(rooms.times.p50), p99: ms(rooms.times.p99) },
    latencyMs: { p50: ms(load.latency.p50), p95: ms(load.latency.p95), p99: ms(load.latency.p99), max: ms(load.latency.max) },
    lost: load.published - load.delivered,
    rssPerIdleConnectionBytes: perConnection(rssIdleBytes - rssBeforeBytes),
    heapPerIdleConnectionBytes: perConnection(heapIdleBytes - heapBeforeBytes),
    serverCpuPercent: round(load.cpuShare * 100, 1),
    detail: {
      connected: rooms.opened,
      connectFailures: rooms.failed,
      connectErrors: rooms.errors,
      published: load.published,
      delivered: load.delivered,
      echoes: load.echoes,
      rssBeforeBytes,
      rssIdleBytes,
      heapBeforeBytes,
      heapIdleBytes,
      rssAfterLoadBytes,
      maxPhase,
      serverExit: server.exit,
    },
  };
}

/** Opens `params.connections` connections in rooms of two, split over the client processes. */
async function connectRooms(server: RunningServer, workers: ClientWorker[], params: BenchParams, log: Log) {
  log(`connecting ${params.connections} clients in rooms of two`);
  const started = performance.now();
  const connected = await Promise.all(
    zip(workers, split(params.connections / 2, workers.length)).map(([worker, pairs]) =>
      worker.request('connect', {
        url: server.url,
        pairs,
        concurrency: params.concurrency,
        timeoutMs: params.handshakeTimeoutMs,
      }),
    ),
  );
  const totalMs = performance.now() - started;
  const opened = sum(connected.map((c) => c.opened));
  const readyPairs = connected.map((c) => c.readyPairs);
  log(`${opened} connected in ${Math.round(totalMs)} ms, ${sum(readyPairs)} rooms ready; settling`);
  return {
    totalMs,
    times: distribution(sortedOf(connected.map((c) => c.connectMs))),
    opened,
    failed: sum(connected.map((c) => c.failed)),
    errors: [...new Set(connected.flatMap((c) => c.errors))],
    /** Rooms ready in each client process. */
    readyPairs,
  };
}

/** Publishes at the aggregate rate, each process its share; the server's CPU is read over the publishing window. */
async function publishLoad(
  server: RunningServer,
  workers: ClientWorker[],
  readyPairs: number[],
  params: BenchParams,
  log: Log,
) {
  log(`publishing ${params.ratePerSecond}/s for ${params.durationMs / 1000} s`);
  const cpuBefore = cpuSeconds(server.pid);
  const started = performance.now();
  const cpuDuringLoad = sleep(params.durationMs).then(
    () => (cpuSeconds(server.pid) - cpuBefore) / ((performance.now() - started) / 1000),
  );
  const loads = await Promise.all(
    zip(workers, readyPairs).map(([worker, pairs]) =>
      worker.request('load', {
        ratePerSecond: (params.ratePerSecond * pairs) / Math.max(1, sum(readyPairs)),
        durationMs: params.durationMs,
        payloadBytes: params.payloadBytes,
        graceMs: params.graceMs,
      }),
    ),
  );
  const cpuShare = await cpuDuringLoad;
  const published = sum(loads.map((l) => l.sent));
  const delivered = sum(loads.map((l) => l.delivered));
  const latency = distribution(sortedOf(loads.map((l) => l.latencyMs)));
  log(`${delivered}/${published} delivered, p99 ${ms(latency.p99)} ms, server CPU ${round(cpuShare * 100, 1)}%`);
  return { published, delivered, echoes: sum(loads.map((l) => l.echoes)), latency, cpuShare };
}

/** Opens connections in batches across all client processes until one fails, the cap, or the time budget. */
async function holdMost(
  server: RunningServer,
  workers: ClientWorker[],
  params: BenchParams,
  alreadyOpen: number,
  log: Log,
): Promise<NonNullable<ServerResult['detail']['maxPhase']>> {
  const cap = params.maxConnections ?? alreadyOpen;
  const batchSize = 1000 * workers.length;
  const started = performance.now();
  let total = alreadyOpen;
  let attempted = 0;
  let failed = 0;
  const errors = new Set<string>();
  log(`opening connections up to ${cap}`);
  while (total < cap) {
    if (performance.now() - started > params.maxPhaseMs) return { attempted, failed, errors: [...errors], stoppedBy: 'time' };
    const batch = split(Math.min(batchSize, cap - total), workers.length);
    const grown = await Promise.all(
      zip(workers, batch).map(([worker, count]) =>
        worker.request('grow', {
          url: server.url,
          count,
          concurrency: params.concurrency,
          timeoutMs: params.handshakeTimeoutMs,
        }),
      ),
    );
    attempted += sum(batch);
    total += sum(grown.map((g) => g.opened));
    failed += sum(grown.map((g) => g.failed));
    for (const error of grown.flatMap((g) => g.errors)) errors.add(error);
    if (failed > 0) return { attempted, failed, errors: [...errors], stoppedBy: 'failures' };
  }
  return { attempted, failed, errors: [...errors], stoppedBy: 'cap' };
}

