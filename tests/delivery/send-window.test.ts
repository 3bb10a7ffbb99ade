import { describe, expect, it } from 'vitest';
import { SendWindow, TARGET_QUEUING_MS } from '../../src/delivery/send-window';

const KB = 1024;

/** Sends up to `chunks` of `bytes` at `at`, while the window has room; returns how many went. */
function fill(window: SendWindow, bytes: number, chunks: number, at: number): number {
  let sent = 0;
  for (; sent < chunks && window.hasRoom(bytes); sent++) window.sent(bytes, at);
  return sent;
}

describe('the delivery send window', () => {
  it('never lets more than the window be in flight, yet always lets one send go', () => {
    const window = new SendWindow();
    const sent = fill(window, 16 * KB, 1000, 0);
    expect(sent * 16 * KB).toBeLessThanOrEqual(window.size);
    expect(window.inFlight + 16 * KB).toBeGreaterThan(window.size);
    const big = new SendWindow();
    expect(fill(big, 64 * 1024 * KB, 1, 0)).toBe(1);
  });

  it('a wait ends when the receiver reports room, or when the window closes', async () => {
    const window = new SendWindow();
    fill(window, 16 * KB, 1000, 0);
    let waited = false;
    const room = window.room(16 * KB).then(() => (waited = true));
    await Promise.resolve();
    expect(waited).toBe(false);
    expect(window.received(16 * KB, 100)).toBe(true);
    await room;
    expect(waited).toBe(true);

    fill(window, 16 * KB, 1000, 100);
    const closed = window.room(16 * KB);
    window.close();
    await expect(closed).resolves.toBeUndefined();
  });

  it('grows while the round trip stays at the path’s own, and shrinks once the queue passes the target', () => {
    const window = new SendWindow();
    const start = window.size;
    let at = 0;
    let received = 0;
    const trip = (rttMs: number) => {
      fill(window, 16 * KB, 10_000, at);
      received += window.inFlight;
      expect(window.received(received, at + rttMs)).toBe(true);
      at += rttMs;
    };
    for (let i = 0; i < 5; i++) trip(100);
    const grown = window.size;
    expect(grown).toBeGreaterThan(start * 4);
    trip(100 + TARGET_QUEUING_MS / 2);
    expect(window.size).toBeGreaterThan(grown);
    for (let i = 0; i < 3; i++) trip(100 + 3 * TARGET_QUEUING_MS);
    expect(window.size).toBeLessThan(grown / 4);
    for (let i = 0; i < 20; i++) trip(5000);
    expect(window.size).toBe(64 * KB);
  });

  it('does not grow for a sender with little to send', () => {
    const window = new SendWindow();
    const start = window.size;
    for (let i = 0; i < 50; i++) {
      window.sent(16 * KB, i * 100);
      window.received((i + 1) * 16 * KB, i * 100 + 100);
    }
    expect(window.size).toBe(start);
  });

  it('ignores reports that cannot be true: more than was sent, or going back', () => {
    const window = new SendWindow();
    window.sent(32 * KB, 0);
    expect(window.received(64 * KB, 10)).toBe(false);
    expect(window.received(32 * KB, 10)).toBe(true);
    expect(window.received(16 * KB, 20)).toBe(false);
    expect(window.inFlight).toBe(0);
  });

  it('says how long sent bytes have gone unreported: from the last report, and nothing with nothing in flight', () => {
    const window = new SendWindow();
    expect(window.stalledFor(1000)).toBe(0);
    window.sent(16 * KB, 100);
    window.sent(16 * KB, 150);
    expect(window.stalledFor(1100)).toBe(1000);
    window.received(16 * KB, 1200);
    expect(window.stalledFor(1500)).toBe(300);
    window.received(32 * KB, 1600);
    expect(window.stalledFor(5000)).toBe(0);
  });
});
