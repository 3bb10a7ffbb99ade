import { describe, expect, it } from 'vitest';
import { parseClientFrame } from '../../signaling/protocol';

const parse = (text: string) => parseClientFrame(text, 4);

describe('parseClientFrame', () => {
  it('accepts the four y-webrtc client messages', () => {
    expect(parse('{"type":"subscribe","topics":["a","b"]}')).toEqual({ ok: true, message: { type: 'subscribe', topics: ['a', 'b'] } });
    expect(parse('{"type":"unsubscribe","topics":["a"]}')).toEqual({ ok: true, message: { type: 'unsubscribe', topics: ['a'] } });
    expect(parse('{"type":"publish","topic":"a","data":{"x":1}}')).toEqual({
      ok: true,
      message: { type: 'publish', topic: 'a', data: { x: 1 } },
    });
    expect(parse('{"type":"ping"}')).toEqual({ ok: true, message: { type: 'ping' } });
  });

  it.each([
    ['not JSON', 'hello'],
    ['truncated JSON', '{"type":"ping"'],
    ['a JSON array', '[1,2]'],
    ['null', 'null'],
    ['a number', '42'],
    ['a missing type', '{"topics":["a"]}'],
    ['a numeric type', '{"type":7}'],
    ['topics not an array', '{"type":"subscribe","topics":"a"}'],
    ['a non-string topic', '{"type":"subscribe","topics":[1]}'],
    ['an empty topic', '{"type":"subscribe","topics":[""]}'],
    ['an overlong topic', JSON.stringify({ type: 'subscribe', topics: ['x'.repeat(129)] })],
    ['a publish without topic', '{"type":"publish","data":"x"}'],
    ['a publish without data', '{"type":"publish","topic":"a"}'],
    ['a publish with an object topic', '{"type":"publish","topic":{},"data":"x"}'],
  ])('rejects %s as malformed', (_name, text) => {
    expect(parse(text)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects unknown message types', () => {
    expect(parse('{"type":"shutdown"}')).toEqual({ ok: false, reason: 'unknown_type' });
    expect(parse('{"type":"pong"}')).toEqual({ ok: false, reason: 'unknown_type' });
  });

  it('rejects a subscribe listing more topics than a connection may hold', () => {
    expect(parse(JSON.stringify({ type: 'subscribe', topics: ['a', 'b', 'c', 'd', 'e'] }))).toEqual({
      ok: false,
      reason: 'too_many_topics',
    });
  });

  it('survives deep nesting without throwing', () => {
    const deep = '{"type":"publish","topic":"a","data":' + '['.repeat(30_000) + ']'.repeat(30_000) + '}';
    expect(parse(deep).ok).toBe(true);
    expect(parse('['.repeat(30_000)).ok).toBe(false);
  });
});
