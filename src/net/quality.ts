/**
 * Connection quality from WebRTC statistics: round-trip time of the active
 * candidate pair and packet loss on everything received since the last sample.
 */

export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

export interface Quality {
  level: QualityLevel;
  rttMs: number | null;
  /** Share of packets lost since the previous sample, 0–100. */
  lossPercent: number | null;
  /** Media received since the previous sample, kbit/s. */
  bitrateKbps: number | null;
}

/** Running totals carried from one sample to the next. */
export interface LossCounters {
  received: number;
  lost: number;
  bytes: number;
  /** When the report was taken, ms (the stats' own clock). */
  at: number;
}

type Stat = Record<string, unknown>;

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function levelOf(rttMs: number | null, lossPercent: number | null): QualityLevel {
  if (rttMs === null && lossPercent === null) return 'unknown';
  const rtt = rttMs ?? 0;
  const loss = lossPercent ?? 0;
  if (rtt < 150 && loss < 2) return 'good';
  if (rtt < 400 && loss < 8) return 'fair';
  return 'poor';
}

/** Reads one `getStats()` report; pure, so it is tested with recorded reports. */
export function summarizeStats(stats: Iterable<Stat>, previous: LossCounters | null): { quality: Quality; counters: LossCounters } {
  let rttSeconds: number | null = null;
  const counters: LossCounters = { received: 0, lost: 0, bytes: 0, at: 0 };
  for (const stat of stats) {
    counters.at = Math.max(counters.at, num(stat.timestamp) ?? 0);
    if (stat.type === 'candidate-pair' && stat.state === 'succeeded' && stat.nominated === true) {
      rttSeconds = num(stat.currentRoundTripTime) ?? rttSeconds;
    } else if (stat.type === 'inbound-rtp') {
      counters.received += num(stat.packetsReceived) ?? 0;
      // packetsLost can go negative with duplicates; never count that as negative loss.
      counters.lost += Math.max(0, num(stat.packetsLost) ?? 0);
      counters.bytes += num(stat.bytesReceived) ?? 0;
    }
  }
  const received = counters.received - (previous?.received ?? 0);
  const lost = counters.lost - (previous?.lost ?? 0);
  const lossPercent = received + lost > 0 ? (100 * Math.max(0, lost)) / (received + lost) : null;
  const rttMs = rttSeconds === null ? null : Math.round(rttSeconds * 1000);
  const seconds = previous ? (counters.at - previous.at) / 1000 : 0;
  const bitrateKbps = seconds > 0 ? Math.round(((counters.bytes - (previous?.bytes ?? 0)) * 8) / 1000 / seconds) : null;
  return { quality: { level: levelOf(rttMs, lossPercent), rttMs, lossPercent, bitrateKbps }, counters };
}
