/**
 * The server's clock for idleness and rate limits: monotonic, so a wall-clock
 * jump neither closes every connection nor refills every bucket, and whole
 * milliseconds since start, so V8 keeps each connection's timestamps as small
 * integers in place instead of a boxed double apiece (until about 24 days of
 * uptime; after that they are boxed, and still correct).
 */
import { performance } from 'node:perf_hooks';

export function monotonicMs(): number {
  return Math.floor(performance.now());
}
