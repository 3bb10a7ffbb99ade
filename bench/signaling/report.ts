/** The figures: ratios of candid to reference, a table for people (stderr) and one JSON line (stdout). */
import type { BenchParams } from './options';
import type { ServerResult } from './scenario';
import type { ServerName } from './servers';
import { ratio } from './stats';

type Results = Partial<Record<ServerName, ServerResult>>;

interface Row {
  label: string;
  /** Reads the figure; ratios and the table share these. */
  read(result: ServerResult): number;
  key: string;
}

const rows: Row[] = [
  { label: 'connections held', key: 'connectionsHeld', read: (r) => r.connectionsHeld },
  { label: 'connect total (ms)', key: 'connectMs.total', read: (r) => r.connectMs.total },
  { label: 'connect p50 (ms)', key: 'connectMs.p50', read: (r) => r.connectMs.p50 },
  { label: 'connect p99 (ms)', key: 'connectMs.p99', read: (r) => r.connectMs.p99 },
  { label: 'latency p50 (ms)', key: 'latencyMs.p50', read: (r) => r.latencyMs.p50 },
  { label: 'latency p95 (ms)', key: 'latencyMs.p95', read: (r) => r.latencyMs.p95 },
  { label: 'latency p99 (ms)', key: 'latencyMs.p99', read: (r) => r.latencyMs.p99 },
  { label: 'latency max (ms)', key: 'latencyMs.max', read: (r) => r.latencyMs.max },
  { label: 'lost messages', key: 'lost', read: (r) => r.lost },
  { label: 'RSS per idle connection (B)', key: 'rssPerIdleConnectionBytes', read: (r) => r.rssPerIdleConnectionBytes },
  { label: 'heap per idle conn, GC (B)', key: 'heapPerIdleConnectionBytes', read: (r) => r.heapPerIdleConnectionBytes },
  { label: 'server CPU (% of a core)', key: 'serverCpuPercent', read: (r) => r.serverCpuPercent },
];

/** candid / reference for every figure, nested like the results (`connectMs.p99` → `{connectMs: {p99}}`). */
export function ratios(results: Results): Record<string, unknown> | null {
  const { candid, reference } = results;
  if (candid === undefined || reference === undefined) return null;
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    const [group, leaf] = row.key.split('.') as [string, string | undefined];
    const value = ratio(row.read(candid), row.read(reference));
    if (leaf === undefined) out[group] = value;
    else out[group] = { ...(out[group] as Record<string, unknown> | undefined), [leaf]: value };
  }
  return out;
}

/** The targets of the issue, judged on this run. */
function targets(candid: ServerResult, reference: ServerResult): string[] {
  const yes = (ok: boolean) => (ok ? 'yes' : 'NO');
  return [
    `holds at least as many connections as the reference: ${yes(candid.connectionsHeld >= reference.connectionsHeld)}`,
    `at most 3 KB (3072 B) per idle connection: ${yes(candid.rssPerIdleConnectionBytes <= 3072)}`,
    `p99 latency below the reference's: ${yes(candid.latencyMs.p99 < reference.latencyMs.p99)}`,
  ];
}

export function table(results: Results): string {
  const columns = (['candid', 'reference'] as const).flatMap((name) => {
    const result = results[name];
    return result === undefined ? [] : [{ name, result }];
  });
  const { candid, reference } = results;
  const both = candid !== undefined && reference !== undefined;
  const cell = (value: number | null) => (value === null ? '-' : String(value)).padStart(12);
  const header = 'metric'.padEnd(30) + columns.map((c) => c.name.padStart(12)).join('') + (both ? 'ratio'.padStart(12) : '');
  const lines = rows.map(
    (row) =>
      row.label.padEnd(30) +
      columns.map((c) => cell(row.read(c.result))).join('') +
      (both ? cell(ratio(row.read(candid), row.read(reference))) : ''),
  );
  const verdict = both ? ['', ...targets(candid, reference)] : [];
  return [header, '-'.repeat(header.length), ...lines, ...verdict].join('\n');
}

export function jsonLine(results: Results, params: BenchParams, elapsedMs: number): string {
  return JSON.stringify({
    ...results,
    ratios: ratios(results),
    params: {
      connections: params.connections,
      ratePerSecond: params.ratePerSecond,
      durationMs: params.durationMs,
      payloadBytes: params.payloadBytes,
      graceMs: params.graceMs,
      settleMs: params.settleMs,
      maxConnections: params.maxConnections,
      clientProcesses: params.workers,
      handshakesInFlightPerProcess: params.concurrency,
      candidNodeFlags: params.candidNodeFlags,
      node: process.version,
      elapsedMs: Math.round(elapsedMs),
    },
  });
}
