/** Benchmark parameters from command-line flags, falling back to BENCH_* environment variables, then defaults. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CANDID_ENTRY, serveScriptFlags, type ServerName } from './servers';

export interface BenchParams {
  /** Connections held during the latency and memory phases (rooms of two). */
  connections: number;
  /** Aggregate publishes per second during the load phase. */
  ratePerSecond: number;
  durationMs: number;
  /** Size of one publish frame. */
  payloadBytes: number;
  /** How long after the last publish a message may still arrive before it counts as lost. */
  graceMs: number;
  /** Wait before reading a server's idle RSS. */
  settleMs: number;
  /** Cap of the max-connections phase; null skips the phase. */
  maxConnections: number | null;
  /** Time budget of the max-connections phase. */
  maxPhaseMs: number;
  workers: number;
  /** Handshakes in flight per client process. */
  concurrency: number;
  handshakeTimeoutMs: number;
  servers: ServerName[];
  candidEntry: string;
  /** Node flags for our server; by default those of `npm run serve`. */
  candidNodeFlags: string[];
}

const numeric = {
  connections: { env: 'BENCH_CONNECTIONS', fallback: 10_000, help: 'connections held for latency and memory (even)' },
  rate: { env: 'BENCH_RATE', fallback: 5_000, help: 'aggregate publishes per second' },
  'duration-s': { env: 'BENCH_DURATION_S', fallback: 10, help: 'length of the load phase in seconds' },
  payload: { env: 'BENCH_PAYLOAD_BYTES', fallback: 1_024, help: 'bytes per publish frame' },
  'grace-ms': { env: 'BENCH_GRACE_MS', fallback: 2_000, help: 'wait for late deliveries before counting losses' },
  'settle-ms': { env: 'BENCH_SETTLE_MS', fallback: 5_000, help: 'wait before reading idle RSS' },
  'max-connections': { env: 'BENCH_MAX_CONNECTIONS', fallback: 19_900, help: 'cap of the max-connections phase' },
  'max-phase-s': { env: 'BENCH_MAX_PHASE_S', fallback: 120, help: 'time budget of the max-connections phase' },
  workers: { env: 'BENCH_WORKERS', fallback: 2, help: 'client processes (more are added if file descriptors need it)' },
  concurrency: { env: 'BENCH_CONCURRENCY', fallback: 100, help: 'handshakes in flight per client process' },
} as const;

type NumericFlag = keyof typeof numeric;

/** File descriptors one client process may spend on connections (its limit is 20,000 here). */
const CONNECTIONS_PER_WORKER = 15_000;

export const usage = [
  'Usage: npm run bench:signaling -- [flags]',
  '',
  ...Object.entries(numeric).map(([flag, o]) => `  --${flag.padEnd(17)} ${o.help} (${o.env}, default ${o.fallback})`),
  `  --skip-max          skip the max-connections phase (BENCH_SKIP_MAX=1)`,
  `  --servers           comma-separated subset of candid,reference (BENCH_SERVERS, default both)`,
  `  --candid-entry      built server to run as "candid" (BENCH_CANDID_ENTRY, default dist/server/main.js)`,
  `  --candid-node-flags space-separated node flags for "candid" (BENCH_CANDID_NODE_FLAGS, default those of npm run serve;`,
  `                      "" for none). The reference always runs as its own npm start does, without flags.`,
].join('\n');

export class UsageError extends Error {}

function positiveInt(flag: NumericFlag, raw: string | undefined): number {
  const { env, fallback } = numeric[flag];
  const text = raw ?? process.env[env];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${flag} must be a positive integer, got "${text}"`);
  return value;
}

function serverList(raw: string | undefined): ServerName[] {
  const names = (raw ?? process.env.BENCH_SERVERS ?? 'candid,reference').split(',').map((s) => s.trim());
  const valid = names.filter((n): n is ServerName => n === 'candid' || n === 'reference');
  if (valid.length === 0 || valid.length !== names.length) throw new UsageError(`--servers takes candid and/or reference`);
  return [...new Set(valid)];
}

function parseFlags(argv: string[]): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(Object.keys(numeric).map((flag) => [flag, { type: 'string' as const }])),
        'skip-max': { type: 'boolean' },
        servers: { type: 'string' },
        'candid-entry': { type: 'string' },
        'candid-node-flags': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function nodeFlags(raw: string | undefined): string[] {
  if (raw === undefined) return serveScriptFlags();
  const flags = raw.split(/\s+/).filter((word) => word !== '');
  if (flags.some((word) => !word.startsWith('-'))) throw new UsageError(`--candid-node-flags takes flags only, got "${raw}"`);
  return flags;
}

/** Parses flags; null when --help was asked for. */
export function readParams(argv: string[]): BenchParams | null {
  const values = parseFlags(argv);
  if (values.help === true) return null;
  const flag = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const int = (name: NumericFlag) => positiveInt(name, flag(name));

  const connections = int('connections');
  if (connections % 2 !== 0) throw new UsageError('--connections must be even (rooms of two)');
  const skipMax = values['skip-max'] === true || process.env.BENCH_SKIP_MAX === '1';
  const maxConnections = skipMax ? null : Math.max(int('max-connections'), connections);
  const needed = maxConnections ?? connections;
  return {
    connections,
    ratePerSecond: int('rate'),
    durationMs: int('duration-s') * 1000,
    payloadBytes: int('payload'),
    graceMs: int('grace-ms'),
    settleMs: int('settle-ms'),
    maxConnections,
    maxPhaseMs: int('max-phase-s') * 1000,
    workers: Math.max(int('workers'), Math.ceil(needed / CONNECTIONS_PER_WORKER)),
    concurrency: int('concurrency'),
    handshakeTimeoutMs: 10_000,
    servers: serverList(flag('servers')),
    candidEntry: resolve(flag('candid-entry') ?? process.env.BENCH_CANDID_ENTRY ?? CANDID_ENTRY),
    candidNodeFlags: nodeFlags(flag('candid-node-flags') ?? process.env.BENCH_CANDID_NODE_FLAGS),
  };
}
