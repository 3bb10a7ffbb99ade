/**
 * A heartbeat on one link: a ping every couple of seconds, answered with the
 * other side's clock. Silence means the link is gone (sooner than WebRTC
 * notices), and the answers give the round trip and the clock offset.
 */
import { clockOffset, Emitter } from '../core';

const EVERY_MS = 2000;
/** Three missed heartbeats. */
export const SILENCE_MS = 6500;
const SAMPLES = 10;

type HeartbeatEvents = {
  silent: [lastHeard: number];
  /** Heard from again after `silent`, on the same link. */
  back: [];
};

export class Heartbeat extends Emitter<HeartbeatEvents> {
  readonly #samples: Array<{ sentAt: number; remoteAt: number; receivedAt: number }> = [];
  readonly #timer: ReturnType<typeof setInterval>;
  #lastHeard = Date.now();
  #silent = false;

  constructor(private readonly send: (message: { type: 'heartbeat'; sentAt: number }) => void) {
    super();
    this.#timer = setInterval(() => this.#tick(), EVERY_MS);
  }

  /** Any message from the other side proves it alive. */
  heard(): void {
    this.#lastHeard = Date.now();
    if (!this.#silent) return;
    this.#silent = false;
    this.emit('back');
  }

  acknowledged(sentAt: number, remoteNow: number): void {
    this.heard();
    this.#samples.push({ sentAt, remoteAt: remoteNow, receivedAt: Date.now() });
    if (this.#samples.length > SAMPLES) this.#samples.shift();
  }

  /** The other clock minus ours, and the round trip it was measured over. */
  get offset(): { offsetMs: number; rttMs: number } | null {
    return clockOffset(this.#samples);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.removeAllListeners();
  }

  #tick(): void {
    this.send({ type: 'heartbeat', sentAt: Date.now() });
    if (!this.#silent && Date.now() - this.#lastHeard > SILENCE_MS) {
      this.#silent = true;
      this.emit('silent', this.#lastHeard);
    }
  }
}
