/**
 * How many bytes of slices the recorder may have on their way: a window that
 * follows the queuing delay, after LEDBAT (RFC 6817). The receiver reports
 * the bytes it has received; each report gives a round trip, and the lowest
 * seen is the path's own. While the round trip stays within TARGET_QUEUING_MS
 * of it the window grows, beyond that it shrinks. So a backlog fills the link
 * but keeps the queue in front of it short: the live call's media, which
 * shares that queue, is not delayed, and the queue never overflows. An
 * overflow drops a burst of packets, and the browser's SCTP recovers from
 * that at one packet a round trip (a minute of almost nothing, measured).
 */

/** Queuing delay the window settles at: well within what a live call tolerates. */
export const TARGET_QUEUING_MS = 50;
const INITIAL_WINDOW = 256 * 1024;
const MIN_WINDOW = 64 * 1024;
const MAX_WINDOW = 16 * 1024 * 1024;
/** At no queuing the window grows by half its size a round trip; at twice the target it halves. */
const GAIN = 0.5;

export class SendWindow {
  #size = INITIAL_WINDOW;
  #sent = 0;
  #received = 0;
  #baseRttMs = Infinity;
  /** Where each send ended, in bytes sent so far, and when: matched against reports to time round trips. */
  readonly #sends: Array<{ end: number; at: number }> = [];
  #waiters: Array<() => boolean> = [];
  #closed = false;
  /** Since when bytes have been on their way with no report from the receiver; null with nothing in flight. */
  #quietSince: number | null = null;

  get size(): number {
    return this.#size;
  }

  get inFlight(): number {
    return this.#sent - this.#received;
  }

  /** Whether `bytes` more may go now: always with nothing in flight, so any send can go. */
  hasRoom(bytes: number): boolean {
    return this.#closed || this.inFlight === 0 || this.inFlight + bytes <= this.#size;
  }

  /** Resolves once `bytes` more fit (see hasRoom) or the window is closed. */
  room(bytes: number): Promise<void> {
    if (this.hasRoom(bytes)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!this.hasRoom(bytes)) return false;
        resolve();
        return true;
      };
      this.#waiters.push(check);
    });
  }

  sent(bytes: number, at: number): void {
    if (this.inFlight === 0) this.#quietSince = at;
    this.#sent += bytes;
    this.#sends.push({ end: this.#sent, at });
  }

  /** The receiver has `total` bytes. Returns false for a report that cannot be true (more than sent, or going back). */
  received(total: number, at: number): boolean {
    if (total < this.#received || total > this.#sent) return false;
    const newly = total - this.#received;
    const usedBefore = this.inFlight;
    this.#received = total;
    this.#quietSince = this.inFlight > 0 ? at : null;
    let sample: number | null = null;
    for (let send = this.#sends[0]; send !== undefined && send.end <= total; send = this.#sends[0]) {
      sample = at - send.at;
      this.#sends.shift();
    }
    if (sample !== null) this.#adjust(sample, newly, usedBefore);
    this.#wake();
    return true;
  }

  /** How long bytes have been on their way with no report from the receiver (0 with nothing in flight). */
  stalledFor(now: number): number {
    return this.#quietSince === null ? 0 : now - this.#quietSince;
  }

  /** Lets every wait end: the wire closed. */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  #adjust(rttMs: number, newly: number, usedBefore: number): void {
    this.#baseRttMs = Math.min(this.#baseRttMs, rttMs);
    const offTarget = Math.max(-1, Math.min(1, (TARGET_QUEUING_MS - (rttMs - this.#baseRttMs)) / TARGET_QUEUING_MS));
    // Grow only when the window was what held sending back; a sender with little to send learns nothing about the path.
    if (offTarget > 0 && usedBefore < this.#size / 2) return;
    this.#size = Math.max(MIN_WINDOW, Math.min(MAX_WINDOW, this.#size + GAIN * offTarget * newly));
  }

  #wake(): void {
    this.#waiters = this.#waiters.filter((check) => !check());
  }
}
