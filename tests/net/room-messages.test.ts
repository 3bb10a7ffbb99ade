import { describe, expect, it } from 'vitest';
import { parseChannelMessage } from '../../src/net/channel-messages';
import { isRoomMessage } from '../../src/net/room-messages';

const id = (c: string) => c.repeat(22);

describe('isRoomMessage', () => {
  const announce = { type: 'announce', from: id('a'), role: 'candidate', device: id('d'), joinedAt: 1, linked: [] };

  it('accepts the four messages', () => {
    expect(isRoomMessage(announce)).toBe(true);
    expect(isRoomMessage({ ...announce, to: id('b'), role: 'interviewer', proof: 'x', linked: [id('b')] })).toBe(true);
    expect(isRoomMessage({ ...announce, claim: { publicKey: 'k', signature: 's' } })).toBe(true);
    expect(isRoomMessage({ type: 'signal', from: id('a'), to: id('b'), link: id('l'), signal: { type: 'offer', sdp: 'v=0' } })).toBe(true);
    expect(isRoomMessage({ type: 'busy', from: id('a'), to: id('b') })).toBe(true);
    expect(isRoomMessage({ type: 'bye', from: id('a') })).toBe(true);
  });

  it.each([
    ['an unknown role', { ...announce, role: 'admin' }],
    ['a peer id of the wrong form', { ...announce, from: 'short' }],
    ['a non-finite joinedAt', { ...announce, joinedAt: Infinity }],
    ['a linked list that is too long', { ...announce, linked: Array.from({ length: 17 }, () => id('x')) }],
    ['a linked list of junk', { ...announce, linked: [42] }],
    ['a claim that is not a signed identity', { ...announce, claim: 'token' }],
    ['a claim with an oversized signature', { ...announce, claim: { publicKey: 'k', signature: 's'.repeat(200) } }],
    ['a signal without link id', { type: 'signal', from: id('a'), to: id('b'), signal: { type: 'offer' } }],
    ['a signal with an oversized sdp', { type: 'signal', from: id('a'), to: id('b'), link: id('l'), signal: { type: 'offer', sdp: 'x'.repeat(70_000) } }],
    ['a busy without recipient', { type: 'busy', from: id('a') }],
    ['an unknown type', { type: 'kick', from: id('a') }],
    ['an array', []],
  ])('rejects %s', (_name, value) => {
    expect(isRoomMessage(value)).toBe(false);
  });
});

describe('parseChannelMessage', () => {
  it('accepts hello and media-state', () => {
    expect(parseChannelMessage('{"type":"hello","role":"interviewer","interview":{"candidateName":"A","position":"B"}}')).toEqual({
      type: 'hello',
      role: 'interviewer',
      interview: { candidateName: 'A', position: 'B' },
    });
    expect(parseChannelMessage('{"type":"media-state","audio":false,"video":true}')).toEqual({ type: 'media-state', audio: false, video: true });
  });

  it.each([
    'not json',
    '{"type":"hello","role":"boss"}',
    '{"type":"hello","role":"candidate","interview":{"candidateName":1,"position":"B"}}',
    '{"type":"media-state","audio":"yes","video":true}',
    JSON.stringify({ type: 'hello', role: 'candidate', pad: 'x'.repeat(20_000) }),
  ])('rejects %s', (raw) => {
    expect(parseChannelMessage(raw)).toBeNull();
  });
});

describe('delivery-signal messages', () => {
  const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n';

  it('carry a connection number and a session description', () => {
    expect(parseChannelMessage(JSON.stringify({ type: 'delivery-signal', id: 3, sdp }))).toEqual({ type: 'delivery-signal', id: 3, sdp });
  });

  it('are refused with a number that is not a positive whole one, or a description that is missing or too long', () => {
    for (const id of [0, -1, 1.5, '2', null, 2 ** 60]) expect(parseChannelMessage(JSON.stringify({ type: 'delivery-signal', id, sdp }))).toBeNull();
    expect(parseChannelMessage(JSON.stringify({ type: 'delivery-signal', id: 1 }))).toBeNull();
    expect(parseChannelMessage(JSON.stringify({ type: 'delivery-signal', id: 1, sdp: 'x'.repeat(13 * 1024) }))).toBeNull();
  });
});
