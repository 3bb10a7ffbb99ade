/** Plumbing for the runners (this bench and bench/delivery): logging, time bounds, clean-up, flags, the entry point, progress lines. */
import { performance } from 'node:perf_hooks';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BenchPhase } from './page-api';

export function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Rejects when `work` takes longer than `ms`; what it was doing is left to the clean-up to stop. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Undo steps, run last-in first-out, once, on success, failure or Ctrl-C: every caller of `run` waits for the same pass. */
export class Cleanup {
  readonly #steps: Array<() => Promise<unknown>> = [];
  #running: Promise<void> | null = null;

  add(step: () => Promise<unknown>): void {
    this.#steps.push(step);
  }

  run(): Promise<void> {
    this.#running ??= (async () => {
      for (const step of this.#steps.reverse()) await step().catch((error: unknown) => log(`cleanup: ${String(error)}`));
    })();
    return this.#running;
  }
}

/** Logs each phase every 10%, with the time since the phase began. */
export function progressLogger(): (phase: BenchPhase, done: number, total: number) => void {
  const phases = new Map<BenchPhase, { started: number; logged: number }>();
  return (phase, done, total) => {
    const state = phases.get(phase) ?? { started: performance.now(), logged: -1 };
    phases.set(phase, state);
    const tenth = Math.floor((10 * done) / total);
    if (tenth === state.logged) return;
    state.logged = tenth;
    const what = phase === 'fill' ? `${done}/${total} slices` : `${(done / 1e6).toFixed(0)}/${(total / 1e6).toFixed(0)} MB`;
    log(`  ${phase.padEnd(6)} ${String(tenth * 10).padStart(3)}%  ${what}, ${((performance.now() - state.started) / 1000).toFixed(0)} s`);
  };
}

export class UsageError extends Error {}

/** Strict flag parsing (with -h/--help); a flag it does not know is a usage error. */
export function parseFlags<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  try {
    return parseArgs({ args: argv, options: withHelp, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A flag's positive number, or the fallback when absent. */
export function positive(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${flag} must be a positive number, got "${raw}"`);
  return value;
}

/** A whole-number flag, 0 or more; `fallback` when absent. */
export function wholeNumber(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${flag} must be a whole number, 0 or more, got "${raw}"`);
  return value;
}

/**
 * A runner's entry point: parses its flags (null means --help), runs the
 * bench, and cleans up on success, failure or Ctrl-C (a second one stops
 * waiting). Playwright's own signal handlers are off in the benches: the
 * browsers are closed here, with the rest.
 */
export function runMain<P>(usage: string, readParams: (argv: string[]) => P | null, bench: (params: P, cleanup: Cleanup) => Promise<void>): void {
  let interrupted = false;
  const main = async () => {
    const params = readParams(process.argv.slice(2));
    if (params === null) {
      log(usage);
      return;
    }
    const cleanup = new Cleanup();
    const interrupt = (signal: NodeJS.Signals) => {
      if (interrupted) process.exit(130);
      interrupted = true;
      log(`${signal}: cleaning up`);
      void cleanup.run().finally(() => process.exit(130));
    };
    process.on('SIGINT', interrupt);
    process.on('SIGTERM', interrupt);
    try {
      await bench(params, cleanup);
    } finally {
      await cleanup.run();
    }
  };
  main().catch((error: unknown) => {
    // After Ctrl-C the run fails because its browser is gone: not worth a stack trace.
    if (interrupted) process.exit(130);
    log(error instanceof UsageError ? `${error.message}\n\n${usage}` : String(error instanceof Error ? error.stack : error));
    process.exit(1);
  });
}
