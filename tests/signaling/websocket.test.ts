/**
 * The server's own WebSocket transport, through a running server and bare
 * TCP sockets: handshakes, RFC 6455 framing rules, close handshakes, and
 * what a broken peer costs (its connection only).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../signaling/server';
import { CLOSE_GRACE_MS } from '../../signaling/websocket/close-deadlines';
import { connect, provePairWorks, testServer } from './helpers';
import { clientFrame, closeBody, handshakeRequest, RawClient, validHeaders } from './raw-client';

const TEXT = 0x1;
const BINARY = 0x2;
const CONTINUATION = 0x0;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

let server: SignalingServer;
afterEach(async () => server?.close());

const pingMessage = JSON.stringify({ type: 'ping' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the text of the next text frame. */
async function nextText(client: RawClient): Promise<string> {
  const frame = await client.nextFrame();
  expect(frame.opcode).toBe(TEXT);
  return frame.payload.toString();
}

async function expectClosedWith(client: RawClient, code: number): Promise<void> {
  expect((await client.closeFrame()).code).toBe(code);
  await client.ended;
}

describe('the opening handshake', () => {
  it('answers 101 with the accept key and agrees to no extension or subprotocol', async () => {
    server = await testServer();
    const headers = validHeaders({
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits',
      'Sec-WebSocket-Protocol': 'chat',
    });
    const client = await RawClient.connect(server, handshakeRequest(headers));
    expect(client.response).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
    // The example of RFC 6455 §1.3.
    expect(client.response).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(client.response).not.toMatch(/Sec-WebSocket-(Extensions|Protocol)/i);
    client.sendText(pingMessage);
    expect(await nextText(client)).toBe('{"type":"pong"}');
  });

  it.each([
    ['a short key', { 'Sec-WebSocket-Key': Buffer.alloc(15).toString('base64') }, 400],
    ['a key that is not base64', { 'Sec-WebSocket-Key': 'not a key at all, really!' }, 400],
    ['no key', { 'Sec-WebSocket-Key': '' }, 400],
    ['another Upgrade', { Upgrade: 'h2c' }, 400],
    // Node does not see an upgrade here; the plain GET on /signal is told to upgrade.
    ['a Connection without Upgrade', { Connection: 'keep-alive' }, 426],
    ['version 8', { 'Sec-WebSocket-Version': '8' }, 426],
  ])('refuses %s', async (_name, overrides, status) => {
    server = await testServer();
    const client = await RawClient.connect(server, handshakeRequest(validHeaders(overrides)));
    expect(client.response.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    if (status === 426) expect(client.response).toContain('Sec-WebSocket-Version: 13');
    await client.ended;
    expect(server.metrics.connectionsTotal).toBe(0);
  });

  it('refuses HTTP/1.0 and other paths', async () => {
    server = await testServer();
    const old = await RawClient.connect(server, handshakeRequest(validHeaders(), 'GET /signal HTTP/1.0'));
    expect(old.response).toMatch(/^HTTP\/1\.1 400 /);
    const elsewhere = await RawClient.connect(server, handshakeRequest(validHeaders(), 'GET /other HTTP/1.1'));
    expect(elsewhere.response).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('reads frames that arrive in the same packet as the handshake', async () => {
    server = await testServer();
    const client = await RawClient.open(server, { extra: clientFrame(TEXT, pingMessage) });
    expect(await nextText(client)).toBe('{"type":"pong"}');
  });
});

describe('framing rules: each violation closes its connection with the RFC code', () => {
  it.each([
    ['an unmasked frame', clientFrame(TEXT, pingMessage, { masked: false }), 1002],
    ['RSV1 without an extension', clientFrame(TEXT, pingMessage, { rsv: 4 }), 1002],
    ['RSV3', clientFrame(TEXT, pingMessage, { rsv: 1 }), 1002],
    ['reserved data opcode 3', clientFrame(0x3, 'x'), 1002],
    ['reserved control opcode 11', clientFrame(0xb, 'x'), 1002],
    ['a ping over 125 bytes', clientFrame(PING, Buffer.alloc(126)), 1002],
    ['a fragmented ping', clientFrame(PING, 'x', { fin: false }), 1002],
    ['a continuation with no message', clientFrame(CONTINUATION, 'x'), 1002],
    ['a close with a 1-byte body', clientFrame(CLOSE, Buffer.from([3])), 1002],
    ['a close with code 1005', clientFrame(CLOSE, closeBody(1005)), 1002],
    ['a close with code 999', clientFrame(CLOSE, closeBody(999)), 1002],
    ['text that is not UTF-8', clientFrame(TEXT, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007],
    ['a UTF-8 surrogate', clientFrame(TEXT, Buffer.from([0xed, 0xa0, 0x80])), 1007],
    ['a close reason that is not UTF-8', clientFrame(CLOSE, Buffer.concat([closeBody(1000), Buffer.from([0xc3])])), 1007],
  ])('%s', async (_name, frame, code) => {
    server = await testServer();
    const bystander = await connect(server);
    const offender = await RawClient.open(server);
    offender.send(frame);
    await expectClosedWith(offender, code);
    expect(server.metrics.rejected.malformed).toBe(1);
    bystander.send({ type: 'ping' });
    expect(await bystander.nextMessage()).toEqual({ type: 'pong' });
  });

  it('refuses a new message inside a fragmented one', async () => {
    server = await testServer();
    const client = await RawClient.open(server);
    client.send(clientFrame(TEXT, '{"type":', { fin: false }));
    client.send(clientFrame(TEXT, '"ping"}'));
    await expectClosedWith(client, 1002);
  });

  it('closes a binary message with 1003 without waiting for its end', async () => {
    server = await testServer();
    const client = await RawClient.open(server);
    client.send(clientFrame(BINARY, Buffer.alloc(10), { declaredLength: 1000 }));
    await expectClosedWith(client, 1003);
    expect(server.metrics.rejected.binary).toBe(1);
  });

  it('closes with 1009 on a 64-bit length over the limit, before any payload is sent', async () => {
    server = await testServer({ maxFrameBytes: 1024 });
    const client = await RawClient.open(server);
    client.send(clientFrame(TEXT, Buffer.alloc(0), { declaredLength: 2 ** 40 }));
    await expectClosedWith(client, 1009);
    expect(server.metrics.rejected.too_big).toBe(1);
  });

  it('counts all fragments against the limit, and closes before the last one arrives', async () => {
    server = await testServer({ maxFrameBytes: 1024 });
    const client = await RawClient.open(server);
    client.send(clientFrame(TEXT, 'x'.repeat(600), { fin: false }));
    client.send(clientFrame(CONTINUATION, Buffer.alloc(0), { fin: false, declaredLength: 600 }));
    await expectClosedWith(client, 1009);
    expect(server.metrics.rejected.too_big).toBe(1);
  });

  it('never lets a broken peer take the process down', async () => {
    server = await testServer();
    for (let i = 0; i < 20; i++) {
      const client = await RawClient.open(server);
      // Half a frame header, then a TCP reset.
      client.send(Buffer.from([0x81, 0xfe]));
      client.socket.resetAndDestroy();
    }
    await provePairWorks(server);
  });
});

describe('messages and control frames', () => {
  it('assembles fragmented text, answering a ping that arrives between the fragments', async () => {
    server = await testServer();
    const client = await RawClient.open(server);
    // "€" split across fragments: UTF-8 is judged on the whole message.
    const euro = Buffer.from('"€"');
    client.send(clientFrame(TEXT, '{"type":"ping","note":', { fin: false }));
    client.send(clientFrame(CONTINUATION, euro.subarray(0, 2), { fin: false }));
    client.send(clientFrame(PING, 'are you there'));
    client.send(clientFrame(CONTINUATION, Buffer.concat([euro.subarray(2), Buffer.from('}')])));
    const pong = await client.nextFrame();
    expect(pong.opcode).toBe(PONG);
    expect(pong.payload.toString()).toBe('are you there');
    expect(await nextText(client)).toBe('{"type":"pong"}');
  });

  it('parses frames delivered one byte at a time, and several in one packet', async () => {
    server = await testServer();
    const client = await RawClient.open(server);
    client.socket.setNoDelay(true);
    for (const byte of clientFrame(TEXT, pingMessage)) {
      client.send(Buffer.from([byte]));
      await sleep(1);
    }
    expect(await nextText(client)).toBe('{"type":"pong"}');
    client.send(Buffer.concat([clientFrame(TEXT, pingMessage), clientFrame(PING, 'p'), clientFrame(TEXT, pingMessage)]));
    expect(await nextText(client)).toBe('{"type":"pong"}');
    expect((await client.nextFrame()).opcode).toBe(PONG);
    expect(await nextText(client)).toBe('{"type":"pong"}');
  });

  it('forwards 16- and 64-bit length messages unchanged, one frame for every receiver', async () => {
    server = await testServer({ maxFrameBytes: 200_000 });
    const [a, b, c] = await Promise.all([RawClient.open(server), RawClient.open(server), RawClient.open(server)]);
    for (const client of [a, b, c]) {
      client.sendText(JSON.stringify({ type: 'subscribe', topics: ['t'] }));
      client.sendText(pingMessage);
      await nextText(client);
    }
    for (const size of [300, 70_000]) {
      const publish = JSON.stringify({ type: 'publish', topic: 't', data: 'é'.repeat(size) });
      a.sendText(publish);
      for (const receiver of [b, c]) {
        const frame = await receiver.nextFrame();
        expect(frame).toMatchObject({ fin: true, opcode: TEXT });
        expect(frame.payload.toString()).toBe(publish);
      }
    }
  });

  it('keeps a silent connection whose peer answers pings with pongs', async () => {
    // 1 s, so that the sweep (every 250 ms) always pings between half the timeout and the whole.
    server = await testServer({ idleTimeoutMs: 1000 });
    const client = await RawClient.open(server);
    const deadline = Date.now() + 2500;
    while (Date.now() < deadline) {
      const frame = await client.nextFrame(1500);
      expect(frame.opcode).toBe(PING);
      client.send(clientFrame(PONG, frame.payload));
    }
    client.sendText(pingMessage);
    expect(await nextText(client)).toBe('{"type":"pong"}');
    expect(server.metrics.rejected.idle).toBe(0);
  });
});

describe('the closing handshake', () => {
  it('echoes the code of a client close frame, then ends the connection', async () => {
    server = await testServer();
    const client = await RawClient.open(server);
    client.send(clientFrame(CLOSE, closeBody(4321, 'bye')));
    expect(await client.closeFrame()).toEqual({ code: 4321, reason: '' });
    await client.ended;
  });

  it('answers an empty close frame with an empty one', async () => {
    server = await testServer();
    const client = await RawClient.open(server);
    client.send(clientFrame(CLOSE));
    expect(await client.closeFrame()).toEqual({ code: null, reason: '' });
    await client.ended;
  });

  it('sends its own close with code and reason, and ignores what follows it', async () => {
    server = await testServer();
    const client = await RawClient.open(server);
    client.send(Buffer.concat([clientFrame(TEXT, 'not json'), clientFrame(TEXT, pingMessage)]));
    expect(await client.closeFrame()).toEqual({ code: 4000, reason: 'malformed' });
    await client.ended;
    expect(server.metrics.messages.ping).toBe(0);
  });

  it('destroys the socket when the peer never finishes the close', async () => {
    server = await testServer();
    const client = await RawClient.open(server, { allowHalfOpen: true });
    client.sendText('not json');
    expect((await client.closeFrame()).code).toBe(4000);
    const closedAt = Date.now();
    // The peer keeps its half open and says nothing: the server waits out the grace period, then drops it.
    const open = async () => /^candid_connections 1$/m.test(await (await fetch(server.url + '/metrics')).text());
    expect(await open()).toBe(true);
    while (await open()) await sleep(50);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(CLOSE_GRACE_MS - 100);
    expect(Date.now() - closedAt).toBeLessThan(CLOSE_GRACE_MS + 1000);
  }, CLOSE_GRACE_MS + 5000);

  it('drops a peer that closes TCP without a close frame', async () => {
    server = await testServer();
    const client = await RawClient.open(server);
    client.socket.end();
    await client.closed;
    await sleep(50);
    const metrics = await (await fetch(server.url + '/metrics')).text();
    expect(metrics).toMatch(/^candid_connections 0$/m);
  });
});

describe('slow consumers', () => {
  it('closes a receiver with more than 1 MiB waiting, keeping the sender', async () => {
    server = await testServer({ messagesPerSecond: 10_000, messageBurst: 10_000 });
    const sender = await RawClient.open(server);
    const stalled = await RawClient.open(server);
    for (const client of [sender, stalled]) {
      client.sendText(JSON.stringify({ type: 'subscribe', topics: ['t'] }));
      client.sendText(pingMessage);
      await nextText(client);
    }
    stalled.socket.pause();
    const publish = JSON.stringify({ type: 'publish', topic: 't', data: 'x'.repeat(60_000) });
    for (let i = 0; i < 400 && server.metrics.dropped.slow_consumer === 0; i++) {
      sender.sendText(publish);
      await sleep(2);
    }
    expect(server.metrics.dropped.slow_consumer).toBe(1);
    sender.sendText(pingMessage);
    expect(await nextText(sender)).toBe('{"type":"pong"}');
  }, 20_000);
});
