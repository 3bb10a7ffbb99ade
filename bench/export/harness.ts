/** Plumbing for the runner: logging, time bounds, clean-up, progress lines. */
import { performance } from 'node:perf_hooks';
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
