/**
 * The reference y-webrtc server exits on one non-JSON frame. Ours must take
 * well over a thousand hostile frames and still pair the next clients.
 */
import { describe, expect, it } from 'vitest';
import { connect, provePairWorks, testServer, type TestClient } from './helpers';

const hostileFrames: Array<string | Buffer> = [
  'not json',
  '{',
  '',
  'null',
  '[]',
  '"publish"',
  '{"type":null}',
  '{"type":{"$gt":""}}',
  '{"type":"subscribe","topics":null}',
  '{"type":"subscribe","topics":[{"a":1}]}',
  '{"type":"publish","topic":["a"],"data":1}',
  '{"type":"publish"}',
  '{"type":"__proto__"}',
  '{"__proto__":{"type":"ping"}}',
  '{"type":"constructor"}',
  '{"type":"hasOwnProperty"}',
  '{"type":"unknown-kind"}',
  '\u0000\u0001\u0002',
  '{"type":"subscribe","topics":["' + 'x'.repeat(200) + '"]}',
  '['.repeat(50_000),
  '{"type":"publish","topic":"t","data":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}x',
  'x'.repeat(200_000),
  Buffer.from([0x1a, 0x45, 0xdf, 0xa3]),
  Buffer.alloc(100_000, 7),
];

async function throwFrame(server: Parameters<typeof connect>[0], frame: string | Buffer): Promise<number> {
  const client: TestClient = await connect(server);
  client.socket.send(frame, { binary: Buffer.isBuffer(frame) });
  return client.closed;
}

describe('a running server under a storm of malformed frames', () => {
  it('closes each offender, never crashes, and pairs a fresh pair afterwards', { timeout: 60_000 }, async () => {
    const server = await testServer();
    const bystanders = await Promise.all([connect(server), connect(server)]);
    for (const b of bystanders) b.send({ type: 'subscribe', topics: ['bystanders'] });

    let thrown = 0;
    const codes = new Set<number>();
    // 50 rounds × the frame list, 8 connections at a time.
    for (let round = 0; round < 50; round++) {
      const batch = hostileFrames.map((frame) => throwFrame(server, frame));
      for (const code of await Promise.all(batch)) codes.add(code);
      thrown += hostileFrames.length;
    }
    expect(thrown).toBeGreaterThanOrEqual(1000);
    // Every close carried a reason: malformed, unknown type, binary, too big.
    expect([...codes].sort()).toEqual([1003, 1009, 4000, 4001]);
    const rejected = Object.values(server.metrics.rejected).reduce((a, b) => a + b, 0);
    expect(rejected).toBe(thrown);

    // Rooms opened before the storm still work, and a fresh pair connects.
    bystanders[0]!.send({ type: 'publish', topic: 'bystanders', data: 'still here' });
    expect(await bystanders[1]!.nextMessage()).toEqual({ type: 'publish', topic: 'bystanders', data: 'still here' });
    await provePairWorks(server);
    await server.close();
  });
});
