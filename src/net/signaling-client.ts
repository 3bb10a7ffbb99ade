/**
 * A WebSocket to the signaling server that stays up: it reconnects with
 * back-off, resubscribes its topics, and pings so a dead link is noticed.
 * It carries opaque data; sealing is the caller's job.
 */
import { exponentialBackoff, type Backoff } from './backoff';
import { Emitter } from '../core';
import { isServerMessage, type ClientMessage } from './signaling-messages';

export type SignalingStatus = 'connecting' | 'open' | 'closed';

type SignalingEvents = {
  status: [SignalingStatus];
  publish: [topic: string, data: unknown];
  topicFull: [topic: string];
};

/** How the client notices a dead link and how long it gives a connection attempt. */
export interface SignalingTimings {
  /** After this long without traffic we ask for a pong… */
  pingAfterQuietMs: number;
  /** …and a socket that stays silent this much longer is dropped for a fresh one. */
  pongWithinMs: number;
  /**
   * A connection attempt is abandoned for a fresh one after four times the last
   * handshake took, within these bounds: after an outage, an attempt begun while
   * the network was down waits out its own TCP back-off (seconds to minutes),
   * while a fresh one gets through at once.
   */
  connectTimeoutMs: { min: number; initial: number; max: number };
}

export const defaultSignalingTimings: SignalingTimings = {
  pingAfterQuietMs: 5_000,
  pongWithinMs: 4_000,
  connectTimeoutMs: { min: 2_000, initial: 4_000, max: 10_000 },
};

export class SignalingClient extends Emitter<SignalingEvents> {
  readonly #topics = new Set<string>();
  readonly #backoff: Backoff;
  readonly #timings: SignalingTimings;
  #socket: WebSocket | null = null;
  #status: SignalingStatus = 'closed';
  #attempt = 0;
  #connectTimeoutMs: number;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;
  #pongTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(
    readonly url: string,
    // Capped low: a call waits on this socket to re-pair after an outage, and the jitter spreads a crowd of retries.
    backoff: Backoff = exponentialBackoff(500, 3_000),
    timings: SignalingTimings = defaultSignalingTimings,
  ) {
    super();
    this.#backoff = backoff;
    this.#timings = timings;
    this.#connectTimeoutMs = timings.connectTimeoutMs.initial;
    this.#connect();
  }

  get status(): SignalingStatus {
    return this.#status;
  }

  subscribe(topic: string): void {
    this.#topics.add(topic);
    this.#send({ type: 'subscribe', topics: [topic] });
  }

  unsubscribe(topic: string): void {
    this.#topics.delete(topic);
    this.#send({ type: 'unsubscribe', topics: [topic] });
  }

  /** Sends now if connected; otherwise the message is dropped and callers re-announce on `status: open`. */
  publish(topic: string, data: unknown): boolean {
    return this.#send({ type: 'publish', topic, data });
  }

  close(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    if (this.#socket !== null) this.#drop(this.#socket);
    this.#setStatus('closed');
    this.removeAllListeners();
  }

  #connect(): void {
    this.#setStatus('connecting');
    const socket = new WebSocket(this.url);
    const startedAt = Date.now();
    this.#socket = socket;
    // Abandoned without back-off: an attempt that hangs costs the server nothing, and a fresh one gets through as soon as the network does.
    this.#connectTimer = setTimeout(() => this.#retry(socket, 0), this.#connectTimeoutMs);
    socket.onopen = () => {
      clearTimeout(this.#connectTimer);
      const { min, max } = this.#timings.connectTimeoutMs;
      this.#connectTimeoutMs = Math.min(max, Math.max(min, 4 * (Date.now() - startedAt)));
      this.#attempt = 0;
      if (this.#topics.size > 0) this.#send({ type: 'subscribe', topics: [...this.#topics] });
      this.#schedulePing();
      this.#setStatus('open');
    };
    socket.onmessage = (event: MessageEvent) => this.#onMessage(event.data);
    // A refused or closed connection (the server restarting, say) waits its back-off.
    socket.onclose = () => this.#retry(socket, this.#backoff.delay(this.#attempt++));
    // An error is always followed by close, which retries.
    socket.onerror = () => undefined;
  }

  /** Lets go of the current socket (closed, silent, or slow to open) and tries a fresh one after `delayMs`. */
  #retry(socket: WebSocket, delayMs: number): void {
    if (this.#socket !== socket || this.#stopped) return;
    this.#drop(socket);
    this.#setStatus('connecting');
    this.#retryTimer = setTimeout(() => this.#connect(), delayMs);
  }

  /** Detaches a socket at once: a dead link can take long to report its close, and nothing it says matters any more. */
  #drop(socket: WebSocket): void {
    socket.onopen = socket.onmessage = socket.onclose = null;
    socket.close(1000);
    this.#socket = null;
    clearTimeout(this.#connectTimer);
    this.#stopPing();
  }

  #onMessage(raw: unknown): void {
    this.#schedulePing();
    if (typeof raw !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return; // The server only sends JSON; anything else is noise to ignore.
    }
    if (!isServerMessage(message)) return;
    if (message.type === 'publish') this.emit('publish', message.topic, message.data);
    else if (message.type === 'error' && message.topic !== undefined) this.emit('topicFull', message.topic);
  }

  /** Any traffic proves the link alive; after a quiet spell we ask for a pong. */
  #schedulePing(): void {
    this.#stopPing();
    const socket = this.#socket;
    if (socket === null) return;
    this.#pingTimer = setTimeout(() => {
      this.#send({ type: 'ping' });
      this.#pongTimer = setTimeout(() => this.#retry(socket, 0), this.#timings.pongWithinMs);
    }, this.#timings.pingAfterQuietMs);
  }

  #stopPing(): void {
    clearTimeout(this.#pingTimer);
    clearTimeout(this.#pongTimer);
  }

  #send(message: ClientMessage): boolean {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  #setStatus(status: SignalingStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.emit('status', status);
  }
}

/** The signaling endpoint of the server that served this page. */
export function defaultSignalingUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`;
}
