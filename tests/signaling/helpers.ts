/** A real server on an ephemeral port and small ws clients that collect what they receive. */
import WebSocket from 'ws';
import { defaultLimits, type Limits } from '../../signaling/config';
import { SIGNAL_PATH, startServer, type SignalingServer } from '../../signaling/server';

export async function testServer(limits: Partial<Limits> = {}, staticDir: string | null = null): Promise<SignalingServer> {
  return startServer({
    host: '127.0.0.1',
    port: 0,
    staticDir,
    iceServers: [],
    limits: { ...defaultLimits, ...limits },
  });
}

export interface TestClient {
  socket: WebSocket;
  received: unknown[];
  /** Resolves with the close code once the server (or we) closed the connection. */
  closed: Promise<number>;
  send(message: unknown): void;
  nextMessage(timeoutMs?: number): Promise<unknown>;
}

export async function connect(server: SignalingServer): Promise<TestClient> {
  const socket = new WebSocket(server.url.replace('http', 'ws') + SIGNAL_PATH);
  const received: unknown[] = [];
  const waiters: Array<(message: unknown) => void> = [];
  socket.on('message', (data) => {
    const message: unknown = JSON.parse(data.toString());
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else received.push(message);
  });
  socket.on('error', () => {
    // Expected when the server closes abusive clients mid-write; `closed` reports the code.
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    received,
    closed,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    nextMessage: (timeoutMs = 2000) =>
      new Promise((resolve, reject) => {
        const queued = received.shift();
        if (queued !== undefined) return resolve(queued);
        const timer = setTimeout(() => reject(new Error('no message within ' + timeoutMs + ' ms')), timeoutMs);
        waiters.push((message) => {
          clearTimeout(timer);
          resolve(message);
        });
      }),
  };
}

/** Two clients on one topic; resolves once a publish from one reached the other. */
export async function provePairWorks(server: SignalingServer, topic = 'fresh-pair'): Promise<void> {
  const a = await connect(server);
  const b = await connect(server);
  a.send({ type: 'subscribe', topics: [topic] });
  b.send({ type: 'subscribe', topics: [topic] });
  // A ping round trip proves each subscribe was processed before the publish.
  a.send({ type: 'ping' });
  b.send({ type: 'ping' });
  await a.nextMessage();
  await b.nextMessage();
  a.send({ type: 'publish', topic, data: 'hello' });
  const got = await b.nextMessage();
  if (JSON.stringify(got) !== JSON.stringify({ type: 'publish', topic, data: 'hello' })) {
    throw new Error('pair received ' + JSON.stringify(got));
  }
  a.socket.close();
  b.socket.close();
}
