/**
 * The publish load of one client process: offer-sized publishes at a fixed
 * rate, round robin over every member of every pair, and the time each takes
 * to reach the other member. Both members live in this process, so one clock
 * times both ends.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Fleet } from './fleet';
import type { ReplyOf, RequestOf } from './protocol';

export interface Pair {
  a: number;
  b: number;
  topic: string;
}

interface Route {
  from: number;
  to: number;
  topic: string;
}

/** How often the sender catches up with the schedule; sends within a tick go out back to back. */
const TICK_MS = 2;

export function publishFrame(topic: string, data: string): string {
  return `{"type":"publish","topic":"${topic}","data":"${data}"}`;
}

/** A base64 filler that brings a publish frame to about `payloadBytes`, like an encrypted SDP offer. */
function filler(payloadBytes: number): string {
  const overhead = publishFrame('x'.repeat(43), '0000000:').length;
  const length = Math.max(0, payloadBytes - overhead);
  return randomBytes(Math.ceil((length * 3) / 4) + 3)
    .toString('base64')
    .slice(0, length);
}

/** Reads the sequence number from a publish the other member sent; null for anything else. */
function sequenceOf(text: string): number | null {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null || !('type' in message) || message.type !== 'publish') return null;
  if (!('data' in message) || typeof message.data !== 'string') return null;
  const sequence = Number.parseInt(message.data, 10);
  return Number.isInteger(sequence) ? sequence : null;
}

export function runLoad(fleet: Fleet, pairs: Pair[], args: RequestOf<'load'>): Promise<ReplyOf<'load'>> {
  const total = Math.round((args.ratePerSecond * args.durationMs) / 1000);
  // Message n goes along route n % routes: every member of every pair takes its turn.
  const routes: Route[] = [
    ...pairs.map(({ a, b, topic }) => ({ from: a, to: b, topic })),
    ...pairs.map(({ a, b, topic }) => ({ from: b, to: a, topic })),
  ];
  const sentAt = new Float64Array(total);
  const delivered = new Uint8Array(total);
  const latencyMs: number[] = [];
  const pad = filler(args.payloadBytes);
  let sent = 0;
  let echoes = 0;

  return new Promise((resolve) => {
    if (total === 0 || routes.length === 0) return resolve({ sent: 0, delivered: 0, echoes: 0, latencyMs });
    let graceTimer: NodeJS.Timeout | undefined;
    const finish = () => {
      clearInterval(ticker);
      clearTimeout(graceTimer);
      fleet.listen(null);
      resolve({ sent, delivered: latencyMs.length, echoes, latencyMs });
    };

    fleet.listen((index, text) => {
      const receivedAt = performance.now();
      const sequence = sequenceOf(text);
      if (sequence === null || sequence < 0 || sequence >= sent) return;
      const route = routes[sequence % routes.length];
      const sendTime = sentAt[sequence];
      if (route === undefined || sendTime === undefined) return;
      // The reference server echoes a publish to its sender too; only the other member counts.
      if (index === route.from) {
        echoes++;
        return;
      }
      if (index !== route.to || delivered[sequence] === 1) return;
      delivered[sequence] = 1;
      latencyMs.push(receivedAt - sendTime);
      if (sent === total && latencyMs.length === total) finish();
    });

    const started = performance.now();
    const ticker = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * args.ratePerSecond) / 1000));
      while (sent < due) {
        const route = routes[sent % routes.length] ?? { from: -1, to: -1, topic: '' };
        sentAt[sent] = performance.now();
        fleet.send(route.from, publishFrame(route.topic, `${sent}:${pad}`));
        sent++;
      }
      if (sent === total) {
        clearInterval(ticker);
        graceTimer = setTimeout(finish, args.graceMs);
      }
    }, TICK_MS);
  });
}
