import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/net/signaling-messages';
import { SIGNAL_PATH, type SignalingServer } from '../../signaling/server';
import { connect, provePairWorks, testServer } from './helpers';

let server: SignalingServer;
afterEach(async () => server?.close());

/** GET with the path sent byte for byte (fetch would normalise `..` away). */
function rawGet(path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { port } = server;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('signaling fan-out', () => {
  it('delivers a publish to the other subscribers but not back to its sender', async () => {
    server = await testServer();
    const [a, b, c] = await Promise.all([connect(server), connect(server), connect(server)]);
    for (const client of [a, b, c]) client.send({ type: 'subscribe', topics: ['t'] });
    for (const client of [a, b, c]) {
      client.send({ type: 'ping' });
      expect(await client.nextMessage()).toEqual({ type: 'pong' });
    }
    a.send({ type: 'publish', topic: 't', data: { n: 1 } });
    expect(await b.nextMessage()).toEqual({ type: 'publish', topic: 't', data: { n: 1 } });
    expect(await c.nextMessage()).toEqual({ type: 'publish', topic: 't', data: { n: 1 } });
    a.send({ type: 'ping' });
    // The pong is the next thing a sees: its own publish was not echoed.
    expect(await a.nextMessage()).toEqual({ type: 'pong' });
  });

  it('drops a publish to a topic the sender has not subscribed to', async () => {
    server = await testServer();
    const [a, b] = await Promise.all([connect(server), connect(server)]);
    b.send({ type: 'subscribe', topics: ['t'] });
    b.send({ type: 'ping' });
    await b.nextMessage();
    a.send({ type: 'publish', topic: 't', data: 'intruder' });
    a.send({ type: 'ping' });
    await a.nextMessage();
    b.send({ type: 'ping' });
    expect(await b.nextMessage()).toEqual({ type: 'pong' });
    expect(server.metrics.dropped.not_subscribed).toBe(1);
  });

  it('stops delivering after unsubscribe', async () => {
    server = await testServer();
    const [a, b] = await Promise.all([connect(server), connect(server)]);
    a.send({ type: 'subscribe', topics: ['t'] });
    b.send({ type: 'subscribe', topics: ['t'] });
    b.send({ type: 'unsubscribe', topics: ['t'] });
    b.send({ type: 'ping' });
    await b.nextMessage();
    a.send({ type: 'publish', topic: 't', data: 1 });
    a.send({ type: 'ping' });
    await a.nextMessage();
    b.send({ type: 'ping' });
    expect(await b.nextMessage()).toEqual({ type: 'pong' });
  });
});

describe('signaling limits close only the offending connection', () => {
  it.each([
    ['a non-JSON frame', 'not json', CloseCode.malformed, 'malformed'],
    ['an unknown type', { type: 'admin' }, CloseCode.unknownType, 'unknown_type'],
    ['too many topics', { type: 'subscribe', topics: ['a', 'b', 'c'] }, CloseCode.tooManyTopics, 'too_many_topics'],
  ] as const)('%s', async (_name, frame, code, reason) => {
    server = await testServer({ maxTopicsPerConnection: 2 });
    const bystander = await connect(server);
    const offender = await connect(server);
    offender.send(frame);
    expect(await offender.closed).toBe(code);
    expect(server.metrics.rejected[reason]).toBe(1);
    bystander.send({ type: 'ping' });
    expect(await bystander.nextMessage()).toEqual({ type: 'pong' });
  });

  it('closes a binary frame with 1003', async () => {
    server = await testServer();
    const offender = await connect(server);
    offender.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await offender.closed).toBe(CloseCode.unsupportedData);
    expect(server.metrics.rejected.binary).toBe(1);
  });

  it('closes a frame over the size limit with 1009', async () => {
    server = await testServer({ maxFrameBytes: 1024 });
    const offender = await connect(server);
    offender.send({ type: 'publish', topic: 't', data: 'x'.repeat(2000) });
    expect(await offender.closed).toBe(CloseCode.tooBig);
    expect(server.metrics.rejected.too_big).toBe(1);
  });

  it('counts topics across several subscribes', async () => {
    server = await testServer({ maxTopicsPerConnection: 2 });
    const offender = await connect(server);
    offender.send({ type: 'subscribe', topics: ['a', 'b'] });
    offender.send({ type: 'subscribe', topics: ['c'] });
    expect(await offender.closed).toBe(CloseCode.tooManyTopics);
  });

  it('rate-limits a flooding connection', async () => {
    server = await testServer({ messagesPerSecond: 5, messageBurst: 10 });
    const bystander = await connect(server);
    const offender = await connect(server);
    for (let i = 0; i < 30; i++) offender.send({ type: 'ping' });
    expect(await offender.closed).toBe(CloseCode.rateLimited);
    expect(offender.received.length).toBeLessThanOrEqual(10);
    bystander.send({ type: 'ping' });
    expect(await bystander.nextMessage()).toEqual({ type: 'pong' });
  });

  it('refuses a subscriber beyond the topic limit with an error message, keeping it connected', async () => {
    server = await testServer({ maxSubscribersPerTopic: 2 });
    const clients = await Promise.all([connect(server), connect(server), connect(server)]);
    for (const client of clients) client.send({ type: 'subscribe', topics: ['room'] });
    const third = clients[2]!;
    expect(await third.nextMessage()).toEqual({ type: 'error', reason: 'topic-full', topic: 'room' });
    third.send({ type: 'ping' });
    expect(await third.nextMessage()).toEqual({ type: 'pong' });
  });

  it('closes a connection that answers neither frames nor pings', async () => {
    server = await testServer({ idleTimeoutMs: 400 });
    const silent = new WebSocket(server.url.replace('http', 'ws') + SIGNAL_PATH, { autoPong: false });
    const code = await new Promise<number>((resolve) => silent.on('close', resolve));
    expect(code).toBe(CloseCode.idle);
    expect(server.metrics.rejected.idle).toBe(1);
  });

  it('keeps a quiet connection that answers pings', async () => {
    server = await testServer({ idleTimeoutMs: 400 });
    const quiet = await connect(server);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    quiet.send({ type: 'ping' });
    expect(await quiet.nextMessage()).toEqual({ type: 'pong' });
  });

  it('still pairs fresh clients after all of that', async () => {
    server = await testServer({ maxFrameBytes: 1024 });
    const offender = await connect(server);
    offender.send('{');
    await offender.closed;
    await provePairWorks(server);
  });
});

describe('http endpoints', () => {
  it('answers /healthz, /metrics and /config.json', async () => {
    server = await testServer();
    const health = await fetch(server.url + '/healthz');
    expect(await health.json()).toEqual({ status: 'ok' });
    const client = await connect(server);
    client.send('garbage');
    await client.closed;
    const metrics = await (await fetch(server.url + '/metrics')).text();
    expect(metrics).toMatch(/^candid_connections 0$/m);
    expect(metrics).toMatch(/^candid_rejected_frames_total\{reason="malformed"\} 1$/m);
    expect(await (await fetch(server.url + '/config.json')).json()).toEqual({ iceServers: [] });
  });

  it('serves the app, falls back to index.html for routes, and never leaves its folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'candid-static-'));
    await mkdir(join(root, 'app', 'assets'), { recursive: true });
    await writeFile(join(root, 'app', 'index.html'), '<h1>app</h1>');
    await writeFile(join(root, 'app', 'assets', 'main-abc.js'), 'export {}');
    await writeFile(join(root, 'secret.txt'), 'do not serve');
    server = await testServer({}, join(root, 'app'));

    const asset = await rawGet('/assets/main-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await rawGet('/join')).body).toBe('<h1>app</h1>');
    expect((await rawGet('/missing.js')).status).toBe(404);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await rawGet(path);
      expect(response.body).not.toContain('do not serve');
    }
    expect((await rawGet('/%E0%A4%A')).status).toBe(400);
    expect((await rawGet('/')).headers['content-security-policy']).toContain("default-src 'self'");
  });
});
