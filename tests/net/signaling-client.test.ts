// @vitest-environment node
/**
 * The signaling client against the real server, through a TCP relay that can
 * swallow traffic the way a cut network does: nothing refused, nothing closed,
 * just silence.
 */
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SignalingClient, type SignalingStatus, type SignalingTimings } from '../../src/net/signaling-client';
import { SIGNAL_PATH, type SignalingServer } from '../../signaling/server';
import { connect, testServer } from '../signaling/helpers';

const timings: SignalingTimings = { pingAfterQuietMs: 150, pongWithinMs: 200, connectTimeoutMs: { min: 300, initial: 300, max: 1_000 } };
const noDelay = { delay: () => 0 };

/** Relays TCP to the server; `swallow` makes the open connections and the next ones go silent. */
class SilentableRelay {
  readonly connections: Socket[] = [];
  #swallowing = false;
  readonly #server: Server;

  constructor(targetPort: number) {
    this.#server = createServer((client) => {
      this.connections.push(client);
      client.on('error', () => undefined);
      if (this.#swallowing) return; // Accepted, never answered: a SYN lost in a cut looks the same to the client.
      const upstream = tcpConnect(targetPort, '127.0.0.1');
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('data', (data) => {
        if (!this.#swallowing) client.write(data);
      });
      client.on('data', (data) => {
        if (!this.#swallowing) upstream.write(data);
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `ws://127.0.0.1:${address.port}${SIGNAL_PATH}`;
  }

  swallow(on: boolean): void {
    this.#swallowing = on;
  }

  async close(): Promise<void> {
    for (const socket of this.connections) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

function statusesOf(client: SignalingClient): SignalingStatus[] {
  const seen: SignalingStatus[] = [];
  client.on('status', (status) => seen.push(status));
  return seen;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SignalingClient', () => {
  let server: SignalingServer;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    // The browser's WebSocket in the page; `ws` has the same interface here.
    globalThis.WebSocket = WebSocket as unknown as typeof globalThis.WebSocket;
    server = await testServer();
    return () => server.close();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function relayed(): Promise<{ relay: SilentableRelay; client: SignalingClient; statuses: SignalingStatus[] }> {
    const relay = new SilentableRelay(Number(new URL(server.url).port));
    const url = await relay.listen();
    const client = new SignalingClient(url, noDelay, timings);
    const statuses = statusesOf(client);
    cleanups.push(() => client.close(), () => relay.close());
    return { relay, client, statuses };
  }

  it('gives up on an attempt that hangs and gets through on a fresh one', async () => {
    const { relay, client } = await relayed();
    relay.swallow(true);
    await until(() => relay.connections.length >= 2, 2_000);
    expect(client.status).toBe('connecting');

    relay.swallow(false);
    await until(() => client.status === 'open', 2_000);
    // The first attempts were never answered and were not waited out.
    expect(relay.connections.length).toBeGreaterThanOrEqual(3);
  });

  it('drops a link that stops answering and resubscribes on a new one', async () => {
    const { relay, client, statuses } = await relayed();
    const received: unknown[] = [];
    client.on('publish', (_topic, data) => received.push(data));
    client.subscribe('room-a');
    await until(() => client.status === 'open', 2_000);

    relay.swallow(true);
    // Silence: a ping goes unanswered, so the client lets go without waiting for TCP to say anything.
    await until(() => client.status === 'connecting', 2_000);
    relay.swallow(false);
    await until(() => client.status === 'open', 2_000);
    expect(statuses).toEqual(['open', 'connecting', 'open']);

    // The topic came along to the new connection: a publish from someone else arrives.
    const other = await connect(server);
    cleanups.push(() => other.socket.close());
    other.send({ type: 'subscribe', topics: ['room-a'] });
    other.send({ type: 'publish', topic: 'room-a', data: 'after the outage' });
    await until(() => received.includes('after the outage'), 2_000);
  });

  it('backs off after a refused connection instead of hammering the server', async () => {
    const delays: number[] = [];
    const client = new SignalingClient('ws://127.0.0.1:1/signal', { delay: (attempt) => (delays.push(attempt), 100) }, timings);
    cleanups.push(() => client.close());
    await until(() => delays.length >= 3, 2_000);
    expect(delays.slice(0, 3)).toEqual([0, 1, 2]);
  });
});
