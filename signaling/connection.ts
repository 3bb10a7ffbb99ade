/**
 * One client connection: guarded parsing, a token-bucket rate limit, the
 * topic set, and the dispatch of valid messages to the rooms. Any error
 * closes this connection only.
 */
import type { RawData, WebSocket } from 'ws';
import { CloseCode, type ServerMessage } from '../src/net/signaling-messages';
import type { Limits } from './config';
import type { Metrics } from './metrics';
import { closeCodeFor, parseClientFrame, type RejectReason } from './protocol';
import type { Rooms, Subscriber } from './rooms';

/** A receiver whose unsent bytes pass this is too slow to keep; it is closed rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export class Connection implements Subscriber {
  /** Created on first subscribe: most idle connections never hold one. */
  #topics: Set<string> | null = null;
  #tokens: number;
  #refilledAt: number;
  #closed = false;
  lastSeen: number;

  constructor(
    private readonly socket: WebSocket,
    private readonly rooms: Rooms,
    private readonly limits: Limits,
    private readonly metrics: Metrics,
    now: number,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    this.#tokens = limits.messageBurst;
    this.#refilledAt = now;
    this.lastSeen = now;
    socket.on('message', (data, isBinary) => {
      try {
        this.#onFrame(data, isBinary);
      } catch {
        // A bug must cost this connection only, never the process.
        this.metrics.rejected.internal_error++;
        this.#close(CloseCode.internalError, 'internal error');
      }
    });
    socket.on('pong', () => {
      this.lastSeen = Date.now();
    });
    socket.on('error', (error: Error & { code?: string }) => this.#onSocketError(error));
    socket.on('close', () => {
      this.#release();
      this.onClosed(this);
    });
  }

  send(frame: string): void {
    if (this.#closed) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.metrics.dropped.slow_consumer++;
      this.#close(CloseCode.slowConsumer, 'slow consumer');
      return;
    }
    this.socket.send(frame);
  }

  /** Called by the server's sweep: ping a quiet connection, close a silent one. */
  checkIdle(now: number): void {
    const silentFor = now - this.lastSeen;
    if (silentFor > this.limits.idleTimeoutMs) this.#reject('idle');
    else if (silentFor > this.limits.idleTimeoutMs / 2) this.socket.ping();
  }

  close(code: number, reason: string): void {
    this.#close(code, reason);
  }

  #onFrame(data: RawData, isBinary: boolean): void {
    if (this.#closed) return;
    const now = Date.now();
    this.lastSeen = now;
    if (!this.#takeToken(now)) return this.#reject('rate_limited');
    if (isBinary) return this.#reject('binary');
    const text = data.toString();
    const parsed = parseClientFrame(text, this.limits.maxTopicsPerConnection);
    if (!parsed.ok) return this.#reject(parsed.reason);
    const message = parsed.message;
    this.metrics.messages[message.type]++;
    switch (message.type) {
      case 'subscribe':
        return this.#subscribe(message.topics);
      case 'unsubscribe':
        for (const topic of message.topics) {
          if (this.#topics?.delete(topic)) this.rooms.unsubscribe(this, topic);
        }
        return;
      case 'publish':
        // Only members of a topic may speak in it; y-webrtc always subscribes first.
        if (this.#topics?.has(message.topic) !== true) {
          this.metrics.dropped.not_subscribed++;
          return;
        }
        // Forward the frame as received: no re-serialisation, no look inside `data`.
        this.rooms.publish(message.topic, text, this);
        return;
      case 'ping':
        return this.#reply({ type: 'pong' });
    }
  }

  #subscribe(topics: string[]): void {
    const held = (this.#topics ??= new Set());
    for (const topic of topics) {
      if (held.has(topic)) continue;
      if (held.size >= this.limits.maxTopicsPerConnection) return this.#reject('too_many_topics');
      if (this.rooms.subscribe(this, topic) === 'full') {
        this.metrics.dropped.topic_full++;
        this.#reply({ type: 'error', reason: 'topic-full', topic });
        continue;
      }
      held.add(topic);
    }
  }

  #takeToken(now: number): boolean {
    const elapsed = (now - this.#refilledAt) / 1000;
    this.#refilledAt = now;
    this.#tokens = Math.min(this.limits.messageBurst, this.#tokens + elapsed * this.limits.messagesPerSecond);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #reply(message: ServerMessage): void {
    this.send(JSON.stringify(message));
  }

  #reject(reason: RejectReason): void {
    this.metrics.rejected[reason]++;
    this.#close(closeCodeFor[reason], reason);
  }

  #onSocketError(error: Error & { code?: string }): void {
    // ws has already failed the connection (1009 for size, 1007 for bad UTF-8, 1002 for a
    // protocol error); count why. Socket errors (resets) are no fault of a frame.
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.metrics.rejected.too_big++;
    else if (error.code?.startsWith('WS_ERR_')) this.metrics.rejected.malformed++;
    this.#release();
  }

  #close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#release();
    this.socket.close(code, reason);
  }

  #release(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const topic of this.#topics ?? []) this.rooms.unsubscribe(this, topic);
    this.#topics = null;
  }

  get closed(): boolean {
    return this.#closed;
  }
}
