import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat, SILENCE_MS } from '../../src/net/heartbeat';

describe('Heartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings, says when the other side went silent, and when it is heard from again', () => {
    const sent: number[] = [];
    const events: string[] = [];
    const heartbeat = new Heartbeat((message) => sent.push(message.sentAt));
    heartbeat.on('silent', () => events.push('silent'));
    heartbeat.on('back', () => events.push('back'));

    vi.advanceTimersByTime(SILENCE_MS + 2_000);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(events).toEqual(['silent']);
    // Still silent: said once, not on every tick.
    vi.advanceTimersByTime(10_000);
    expect(events).toEqual(['silent']);

    heartbeat.heard();
    heartbeat.heard();
    expect(events).toEqual(['silent', 'back']);
    vi.advanceTimersByTime(2_000);
    expect(events).toEqual(['silent', 'back']);
    heartbeat.stop();
  });
});
