/** Exponential back-off with full jitter: retries from many clients spread out instead of arriving together. */
export interface Backoff {
  /** Delay before the given attempt (0-based). */
  delay(attempt: number): number;
}

export function exponentialBackoff(baseMs: number, maxMs: number, random: () => number = Math.random): Backoff {
  return { delay: (attempt) => Math.round(random() * Math.min(maxMs, baseMs * 2 ** attempt)) };
}
