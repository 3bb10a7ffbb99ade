/**
 * The WebSocket connections one client process holds to one server. Every
 * text frame received goes to the current frame listener with the index of the
 * connection it arrived on.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { OpenSummary } from './protocol';

export type FrameListener = (index: number, text: string) => void;

export interface OpenOptions {
  url: string;
  count: number;
  concurrency: number;
  timeoutMs: number;
}

export interface OpenResult extends OpenSummary {
  /** Index of each connection attempted, in order; -1 where it failed. */
  indices: number[];
  /** Handshake time of each opened connection. */
  connectMs: number[];
}

const MAX_ERRORS_KEPT = 5;

export class Fleet {
  readonly #sockets: WebSocket[] = [];
  #listener: FrameListener | null = null;
  #open = 0;

  get open(): number {
    return this.#open;
  }

  listen(listener: FrameListener | null): void {
    this.#listener = listener;
  }

  send(index: number, frame: string): void {
    const socket = this.#sockets[index];
    if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
  }

  /** Indices of the connections that are still open. */
  openIndices(): number[] {
    const indices: number[] = [];
    this.#sockets.forEach((socket, index) => {
      if (socket.readyState === WebSocket.OPEN) indices.push(index);
    });
    return indices;
  }

  /** Opens `count` connections, at most `concurrency` handshakes in flight. */
  async openMany(options: OpenOptions): Promise<OpenResult> {
    const result: OpenResult = { opened: 0, failed: 0, errors: [], indices: [], connectMs: [] };
    let next = 0;
    const runner = async (): Promise<void> => {
      while (next < options.count) {
        const slot = next++;
        const started = performance.now();
        const outcome = await this.#openOne(options.url, options.timeoutMs);
        if (typeof outcome === 'number') {
          result.opened++;
          result.indices[slot] = outcome;
          result.connectMs.push(performance.now() - started);
        } else {
          result.failed++;
          result.indices[slot] = -1;
          if (result.errors.length < MAX_ERRORS_KEPT && !result.errors.includes(outcome.message)) {
            result.errors.push(outcome.message);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.count) }, runner));
    return result;
  }

  /** Resolves with the new connection's index, or the error that stopped it. */
  #openOne(url: string, timeoutMs: number): Promise<number | Error> {
    return new Promise((resolve) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
      const fail = (error: Error) => {
        socket.removeAllListeners();
        // A late error after a failed handshake must not crash the process.
        socket.on('error', () => undefined);
        socket.terminate();
        resolve(error);
      };
      socket.once('error', fail);
      socket.once('unexpected-response', (_request, response) => fail(new Error(`HTTP ${response.statusCode}`)));
      socket.once('open', () => {
        socket.removeAllListeners();
        const index = this.#sockets.push(socket) - 1;
        this.#open++;
        socket.on('message', (data, isBinary) => {
          // Text frames arrive as one Buffer (binaryType is the default 'nodebuffer').
          if (!isBinary) this.#listener?.(index, (data as Buffer).toString());
        });
        socket.on('error', () => undefined); // 'close' follows and is what we count.
        socket.once('close', () => this.#open--);
        resolve(index);
      });
    });
  }

  /**
   * Sends `{type:'ping'}` on each connection; resolves with the indices that got
   * `{type:'pong'}` back within the timeout. Frames are handled in order, so a
   * pong also proves that everything sent before the ping was processed.
   */
  pingAll(indices: number[], timeoutMs: number): Promise<Set<number>> {
    const waiting = new Set(indices);
    const answered = new Set<number>();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listen(null);
        resolve(answered);
      };
      const timer = setTimeout(done, timeoutMs);
      this.listen((index, text) => {
        if (!waiting.has(index) || !isPong(text)) return;
        waiting.delete(index);
        answered.add(index);
        if (waiting.size === 0) done();
      });
      for (const index of indices) this.send(index, PING);
      if (waiting.size === 0) done();
    });
  }
}

const PING = JSON.stringify({ type: 'ping' });

function isPong(text: string): boolean {
  try {
    const message: unknown = JSON.parse(text);
    return typeof message === 'object' && message !== null && 'type' in message && message.type === 'pong';
  } catch {
    return false; // Not ours to judge; only pongs matter here.
  }
}
