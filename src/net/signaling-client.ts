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

const PING_EVERY_MS = 15_000;
const PONG_WITHIN_MS = 10_000;

export class SignalingClient extends Emitter<SignalingEvents> {
  readonly #topics = new Set<string>();
  readonly #backoff: Backoff;
  #socket: WebSocket | null = null;
  #status: SignalingStatus = 'closed';
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setTimeout> | undefined;
  #pongTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(
    readonly url: string,
    // Capped low: a call waits on this socket to re-pair after an outage, and the jitter spreads a crowd of retries.
    backoff: Backoff = exponentialBackoff(500, 3_000),
  ) {
    super();
    this.#backoff = backoff;
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
    this.#stopPing();
    this.#socket?.close(1000);
    this.#socket = null;
    this.#setStatus('closed');
    this.removeAllListeners();
  }

  #connect(): void {
    this.#setStatus('connecting');
    const socket = new WebSocket(this.url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempt = 0;
      if (this.#topics.size > 0) this.#send({ type: 'subscribe', topics: [...this.#topics] });
      this.#schedulePing();
      this.#setStatus('open');
    };
    socket.onmessage = (event: MessageEvent) => this.#onMessage(event.data);
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#stopPing();
      if (this.#stopped) return;
      this.#setStatus('connecting');
      this.#retryTimer = setTimeout(() => this.#connect(), this.#backoff.delay(this.#attempt++));
    };
    // An error is always followed by close, which retries.
    socket.onerror = () => undefined;
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
    this.#pingTimer = setTimeout(() => {
      this.#send({ type: 'ping' });
      this.#pongTimer = setTimeout(() => this.#socket?.close(), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
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
