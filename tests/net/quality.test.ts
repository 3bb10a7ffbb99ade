import { describe, expect, it } from 'vitest';
import { levelOf, summarizeStats } from '../../src/net/quality';

const pair = (rtt: number, nominated = true) => ({
  type: 'candidate-pair',
  state: 'succeeded',
  nominated,
  currentRoundTripTime: rtt,
});
const inbound = (kind: string, received: number, lost: number) => ({ type: 'inbound-rtp', kind, packetsReceived: received, packetsLost: lost });

describe('summarizeStats', () => {
  it('reads the RTT of the nominated pair only', () => {
    const { quality } = summarizeStats([pair(0.9, false), pair(0.042)], null);
    expect(quality.rttMs).toBe(42);
  });

  it('measures loss over the interval since the previous sample, across audio and video', () => {
    const first = summarizeStats([inbound('audio', 100, 0), inbound('video', 900, 0)], null);
    expect(first.quality.lossPercent).toBe(0);
    const second = summarizeStats([inbound('audio', 190, 5), inbound('video', 1700, 5)], first.counters);
    // 890 received and 10 lost in the interval.
    expect(second.quality.lossPercent).toBeCloseTo((100 * 10) / 900, 5);
  });

  it('reports unknown before any packet or pair', () => {
    const { quality } = summarizeStats([], null);
    expect(quality).toEqual({ level: 'unknown', rttMs: null, lossPercent: null, bitrateKbps: null });
  });

  it('measures the received bitrate between samples', () => {
    const bytes = (n: number, timestamp: number) => ({ type: 'inbound-rtp', kind: 'video', packetsReceived: 1, packetsLost: 0, bytesReceived: n, timestamp });
    const first = summarizeStats([bytes(0, 1000)], null);
    expect(first.quality.bitrateKbps).toBeNull();
    expect(summarizeStats([bytes(250_000, 3000)], first.counters).quality.bitrateKbps).toBe(1000);
  });

  it('ignores negative packetsLost (duplicates)', () => {
    const { quality } = summarizeStats([inbound('audio', 100, -3)], null);
    expect(quality.lossPercent).toBe(0);
  });
});

describe('levelOf', () => {
  it.each([
    [20, 0, 'good'],
    [200, 1, 'fair'],
    [100, 5, 'fair'],
    [500, 0, 'poor'],
    [50, 12, 'poor'],
    [null, 0.5, 'good'],
  ] as const)('rtt %s ms, loss %s %% is %s', (rtt, loss, level) => {
    expect(levelOf(rtt, loss)).toBe(level);
  });
});
