/** The pure parts of the WebSocket transport: frame codec, incremental reader, handshake checks. */
import { describe, expect, it } from 'vitest';
import { closeFrame, decodeHeader, Opcode, textFrame } from '../../signaling/websocket/frames';
import { acceptKey, checkUpgrade, type UpgradeRequest } from '../../signaling/websocket/handshake';
import { FrameReader, type ReaderEvent } from '../../signaling/websocket/reader';
import { clientFrame, closeBody } from './raw-client';

function drain(reader: FrameReader): ReaderEvent[] {
  const events: ReaderEvent[] = [];
  for (let event = reader.next(); event !== null; event = reader.next()) events.push(event);
  return events;
}

describe('frame codec', () => {
  it.each([
    [0, 2],
    [125, 2],
    [126, 4],
    [65_535, 4],
    [65_536, 10],
  ])('frames %i bytes of text behind a %i-byte header', (length, header) => {
    const frame = textFrame('a'.repeat(length));
    expect(frame.length).toBe(header + length);
    expect(frame[0]).toBe(0x80 | Opcode.text);
    expect(decodeHeader(frame)).toMatchObject({ fin: true, opcode: Opcode.text, masked: false, payloadLength: length, headerLength: header });
  });

  it('waits for a complete header and flags lengths no Number can hold', () => {
    const frame = clientFrame(Opcode.text, Buffer.alloc(0), { declaredLength: 2 ** 40 });
    expect(decodeHeader(frame.subarray(0, 9))).toBeNull();
    expect(decodeHeader(frame)?.payloadLength).toBe(2 ** 40);
    const absurd = Buffer.from(frame);
    absurd.writeUInt32BE(0xffffffff, 2);
    expect(decodeHeader(absurd)?.payloadLength).toBe(Infinity);
  });

  it('cuts a long close reason to fit a control frame, on a character boundary', () => {
    const frame = closeFrame(4000, 'é'.repeat(100));
    expect(frame.length).toBeLessThanOrEqual(2 + 125);
    expect(frame.readUInt16BE(2)).toBe(4000);
    expect(frame.subarray(4).toString()).toBe('é'.repeat(61));
    expect(closeFrame(null)).toEqual(Buffer.from([0x88, 0]));
  });
});

describe('FrameReader', () => {
  it('assembles a 64-bit-length frame that arrives in a thousand chunks, then lets go of it', () => {
    const text = JSON.stringify({ type: 'publish', topic: 't', data: 'x'.repeat(70_000) });
    const frame = clientFrame(Opcode.text, text);
    const reader = new FrameReader(100_000);
    const events: ReaderEvent[] = [];
    for (let offset = 0; offset < frame.length; offset += 71) {
      reader.push(frame.subarray(offset, offset + 71));
      events.push(...drain(reader));
    }
    expect(events).toEqual([{ kind: 'text', text }]);
    expect(reader.idle).toBe(true);
  });

  it('reads several frames from one chunk, and a header split across chunks', () => {
    const reader = new FrameReader(1024);
    const bytes = Buffer.concat([clientFrame(Opcode.text, 'a'), clientFrame(Opcode.ping, 'p'), clientFrame(Opcode.text, 'b'.repeat(200))]);
    const cut = bytes.length - 200 - 5;
    reader.push(bytes.subarray(0, cut));
    expect(drain(reader).map((e) => e.kind)).toEqual(['text', 'ping']);
    expect(reader.idle).toBe(false);
    reader.push(bytes.subarray(cut));
    expect(drain(reader)).toEqual([{ kind: 'text', text: 'b'.repeat(200) }]);
  });

  it('judges size from the header alone', () => {
    const reader = new FrameReader(1024);
    reader.push(clientFrame(Opcode.text, Buffer.alloc(0), { declaredLength: 1025 }).subarray(0, 8));
    expect(drain(reader)).toMatchObject([{ kind: 'violation', violation: 'too_big' }]);
    expect(reader.idle).toBe(true);
  });

  it('stops after a close frame and drops what follows', () => {
    const reader = new FrameReader(1024);
    reader.push(Buffer.concat([clientFrame(Opcode.close, closeBody(1000, 'done')), clientFrame(Opcode.text, 'late')]));
    expect(drain(reader)).toEqual([{ kind: 'close', code: 1000, reason: 'done' }]);
    reader.push(clientFrame(Opcode.text, 'later'));
    expect(drain(reader)).toEqual([]);
  });

  it('refuses binary at its first fragment', () => {
    const reader = new FrameReader(1024);
    reader.push(clientFrame(Opcode.binary, 'ab', { fin: false }));
    expect(drain(reader)).toEqual([{ kind: 'binary' }]);
  });
});

describe('the handshake check', () => {
  const request = (overrides: Partial<UpgradeRequest> = {}, headers: Record<string, string> = {}): UpgradeRequest => ({
    method: 'GET',
    httpVersionMajor: 1,
    httpVersionMinor: 1,
    ...overrides,
    headers: {
      upgrade: 'websocket',
      connection: 'Upgrade',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'sec-websocket-version': '13',
      ...headers,
    },
  });

  it('computes the accept key of RFC 6455 §1.3', () => {
    expect(acceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    expect(checkUpgrade(request())).toEqual({ ok: true, accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' });
  });

  it('takes header tokens in any case and order', () => {
    expect(checkUpgrade(request({}, { upgrade: 'WebSocket', connection: 'keep-alive, upgrade' })).ok).toBe(true);
  });

  it.each([
    ['POST', request({ method: 'POST' }), 400],
    ['HTTP/1.0', request({ httpVersionMinor: 0 }), 400],
    ['no Upgrade header', request({}, { upgrade: '' }), 400],
    ['Connection without upgrade', request({}, { connection: 'close' }), 400],
    ['two keys', request({}, { 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==, dGhlIHNhbXBsZSBub25jZQ==' }), 400],
    ['a 17-byte key', request({}, { 'sec-websocket-key': Buffer.alloc(17).toString('base64') }), 400],
    ['no version', request({}, { 'sec-websocket-version': '' }), 426],
    ['version 14', request({}, { 'sec-websocket-version': '14' }), 426],
  ])('refuses %s', (_name, upgrade, status) => {
    expect(checkUpgrade(upgrade)).toMatchObject({ ok: false, status });
  });
});
