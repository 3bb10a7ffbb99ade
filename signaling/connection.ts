/**
 * One client connection: guarded parsing, a token-bucket rate limit, the
 * topic set, and the dispatch of valid messages to the rooms. Any error
 * closes this connection only.
 */
import { CloseCode, type ServerMessage } from '../src/net/signaling-messages';
import { monotonicMs } from './clock';
import type { Limits } from './config';
import type { Metrics } from './metrics';
import { closeCodeFor, parseClientFrame, type RejectReason } from './protocol';
import type { Rooms, Subscriber } from './rooms';
import { textFrame, type TextFrame } from './websocket/frames';
import type { Violation } from './websocket/reader';
import type { Transport, TransportHandler } from './websocket/transport';

/** A receiver whose unsent bytes pass this is too slow to keep; it is closed rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** The most common reply, built once. */
const PONG: TextFrame = textFrame(JSON.stringify({ type: 'pong' } satisfies ServerMessage));

/** What every connection of one server shares: one object, so each connection holds one reference, not four. */
export interface ConnectionContext {
  readonly rooms: Rooms;
  readonly limits: Limits;
  readonly metrics: Metrics;
  onClosed(connection: Connection): void;
}

export class Connection implements Subscriber, TransportHandler {
  /**
   * Created on first subscribe. A list, not a Set: it holds at most
   * maxTopicsPerConnection (16) topics, and a Set's hash table costs ~120 bytes
   * even for the one topic most connections hold.
   */
  #topics: string[] | null = null;
  #tokens: number;
  #refilledAt: number;
  #closed = false;
  /** On the monotonicMs() clock, like `now` in the constructor and checkIdle(). */
  lastSeen: number;

  constructor(
    private readonly transport: Transport,
    private readonly context: ConnectionContext,
    now: number,
  ) {
    this.#tokens = context.limits.messageBurst;
    this.#refilledAt = now;
    this.lastSeen = now;
  }

  send(frame: TextFrame): void {
    if (this.#closed) return;
    if (this.transport.bufferedBytes > MAX_BUFFERED_BYTES) {
      this.context.metrics.dropped.slow_consumer++;
      this.#close(CloseCode.slowConsumer, 'slow consumer');
      return;
    }
    this.transport.send(frame);
  }

  /** Called by the server's sweep: ping a quiet connection, close a silent one. */
  checkIdle(now: number): void {
    const silentFor = now - this.lastSeen;
    if (silentFor > this.context.limits.idleTimeoutMs) this.#reject('idle');
    else if (silentFor > this.context.limits.idleTimeoutMs / 2) this.transport.ping();
  }

  close(code: number, reason: string): void {
    this.#close(code, reason);
  }

  get closed(): boolean {
    return this.#closed;
  }

  onText(text: string): void {
    this.#guarded(() => this.#onText(text));
  }

  onBinary(): void {
    this.#guarded(() => {
      if (!this.#accept()) return;
      this.#reject('binary');
    });
  }

  onPong(): void {
    this.lastSeen = monotonicMs();
  }

  onViolation(violation: Violation): void {
    if (this.#closed) return;
    // The transport has already closed with 1009, 1002 or 1007; count why. Bad framing and bad UTF-8 are malformed input.
    this.context.metrics.rejected[violation === 'too_big' ? 'too_big' : 'malformed']++;
    this.#release();
  }

  onClose(): void {
    this.#release();
    this.context.onClosed(this);
  }

  #guarded(handle: () => void): void {
    try {
      handle();
    } catch {
      // A bug must cost this connection only, never the process.
      this.context.metrics.rejected.internal_error++;
      this.#close(CloseCode.internalError, 'internal error');
    }
  }

  /** Every message counts as a sign of life and against the rate limit, whatever it is. */
  #accept(): boolean {
    if (this.#closed) return false;
    const now = monotonicMs();
    this.lastSeen = now;
    if (this.#takeToken(now)) return true;
    this.#reject('rate_limited');
    return false;
  }

  #onText(text: string): void {
    if (!this.#accept()) return;
    const { limits, metrics, rooms } = this.context;
    const parsed = parseClientFrame(text, limits.maxTopicsPerConnection);
    if (!parsed.ok) return this.#reject(parsed.reason);
    const message = parsed.message;
    metrics.messages[message.type]++;
    switch (message.type) {
      case 'subscribe':
        return this.#subscribe(message.topics);
      case 'unsubscribe':
        for (const topic of message.topics) this.#unsubscribe(topic);
        return;
      case 'publish':
        // Only members of a topic may speak in it; y-webrtc always subscribes first.
        if (this.#topics?.includes(message.topic) !== true) {
          metrics.dropped.not_subscribed++;
          return;
        }
        // Forward the text as received, framed once for every receiver: no re-serialisation, no look inside `data`.
        rooms.publish(message.topic, textFrame(text), this);
        return;
      case 'ping':
        return this.send(PONG);
    }
  }

  #subscribe(topics: string[]): void {
    const { limits, metrics, rooms } = this.context;
    for (const topic of topics) {
      const held = this.#topics ?? [];
      if (held.includes(topic)) continue;
      if (held.length >= limits.maxTopicsPerConnection) return this.#reject('too_many_topics');
      if (rooms.subscribe(this, topic) === 'full') {
        metrics.dropped.topic_full++;
        this.#reply({ type: 'error', reason: 'topic-full', topic });
        continue;
      }
      // A new exact-size list: push would reserve room for 16 more.
      this.#topics = held.concat(topic);
    }
  }

  #unsubscribe(topic: string): void {
    const held = this.#topics ?? [];
    const at = held.indexOf(topic);
    if (at < 0) return;
    this.#topics = held.length === 1 ? null : held.toSpliced(at, 1);
    this.context.rooms.unsubscribe(this, topic);
  }

  #takeToken(now: number): boolean {
    const { limits } = this.context;
    const elapsed = (now - this.#refilledAt) / 1000;
    this.#refilledAt = now;
    this.#tokens = Math.min(limits.messageBurst, this.#tokens + elapsed * limits.messagesPerSecond);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #reply(message: ServerMessage): void {
    this.send(textFrame(JSON.stringify(message)));
  }

  #reject(reason: RejectReason): void {
    this.context.metrics.rejected[reason]++;
    this.#close(closeCodeFor[reason], reason);
  }

  #close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#release();
    this.transport.close(code, reason);
  }

  #release(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const topic of this.#topics ?? []) this.context.rooms.unsubscribe(this, topic);
    this.#topics = null;
  }
}
