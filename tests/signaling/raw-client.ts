/**
 * A WebSocket client on a bare TCP socket, for the inputs `ws` refuses to
 * produce: unmasked frames, RSV bits, unknown opcodes, lying lengths, broken
 * handshakes. Frames from the server are parsed just enough to be checked.
 */
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import type { SignalingServer } from '../../signaling/server';
import { SIGNAL_PATH } from '../../signaling/server';

export interface ServerFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

export interface FrameOptions {
  fin?: boolean;
  /** RSV bits, 0–7. */
  rsv?: number;
  /** Clients must mask; false sends the payload in clear. */
  masked?: boolean;
  /** Declared payload length, when it should differ from the bytes sent. */
  declaredLength?: number;
}

/** A client frame, masked unless told otherwise. */
export function clientFrame(opcode: number, payload: Buffer | string = Buffer.alloc(0), options: FrameOptions = {}): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = options.declaredLength ?? body.length;
  const masked = options.masked ?? true;
  const fin = options.fin ?? true;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0, length]);
  } else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  header[0] = (fin ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  if (!masked) return Buffer.concat([header, body]);
  header[1] = (header[1] ?? 0) | 0x80;
  const key = randomBytes(4);
  const out = Buffer.from(body);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! ^ key[i % 4]!;
  return Buffer.concat([header, key, out]);
}

export function closeBody(code: number, reason = ''): Buffer {
  const body = Buffer.alloc(2 + Buffer.byteLength(reason));
  body.writeUInt16BE(code, 0);
  body.write(reason, 2);
  return body;
}

export function handshakeRequest(headers: Record<string, string>, requestLine = `GET ${SIGNAL_PATH} HTTP/1.1`): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [requestLine, ...lines, '', ''].join('\r\n');
}

export function validHeaders(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Host: 'localhost',
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...overrides,
  };
}

export class RawClient {
  readonly #pending: ServerFrame[] = [];
  readonly #waiters: Array<(frame: ServerFrame) => void> = [];
  #buffer: Buffer = Buffer.alloc(0);
  #response: string | null = null;
  #onResponse: (() => void) | null = null;
  /** Resolves when the server ends or drops the connection. */
  readonly ended: Promise<void>;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', () => undefined); // The tests provoke resets; 'close' is what they wait for.
    this.ended = new Promise((resolve) => {
      socket.once('end', resolve);
      socket.once('close', resolve);
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Connects and sends `request` (and `extra` in the same write); resolves once the HTTP response head arrived. */
  static async connect(server: SignalingServer, request: string, extra: Buffer = Buffer.alloc(0), allowHalfOpen = false): Promise<RawClient> {
    const socket = connect({ host: '127.0.0.1', port: server.port, allowHalfOpen });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RawClient(socket);
    const gotResponse = new Promise<void>((resolve) => (client.#onResponse = resolve));
    socket.write(Buffer.concat([Buffer.from(request), extra]));
    await Promise.race([gotResponse, client.ended]);
    return client;
  }

  /** A completed handshake; throws unless the server answered 101. */
  static async open(server: SignalingServer, options: { extra?: Buffer; allowHalfOpen?: boolean } = {}): Promise<RawClient> {
    const client = await RawClient.connect(server, handshakeRequest(validHeaders()), options.extra, options.allowHalfOpen);
    if (!client.response.startsWith('HTTP/1.1 101 ')) throw new Error(`handshake refused: ${client.response}`);
    return client;
  }

  /** The HTTP response head, status line first. */
  get response(): string {
    return this.#response ?? '';
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  sendText(text: string): void {
    this.send(clientFrame(0x1, text));
  }

  nextFrame(timeoutMs = 2000): Promise<ServerFrame> {
    const queued = this.#pending.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push((frame) => {
        clearTimeout(timer);
        resolve(frame);
      });
    });
  }

  /** Skips frames until the server's close frame; resolves with its code (null if it had none) and reason. */
  async closeFrame(timeoutMs = 3000): Promise<{ code: number | null; reason: string }> {
    for (;;) {
      const frame = await this.nextFrame(timeoutMs);
      if (frame.opcode !== 0x8) continue;
      if (frame.payload.length < 2) return { code: null, reason: '' };
      return { code: frame.payload.readUInt16BE(0), reason: frame.payload.subarray(2).toString() };
    }
  }

  #onData(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    if (this.#response === null) {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.#response = this.#buffer.subarray(0, end).toString();
      this.#buffer = this.#buffer.subarray(end + 4);
      this.#onResponse?.();
      // A refusal has a body, not frames.
      if (!this.#response.startsWith('HTTP/1.1 101 ')) return;
    }
    for (let frame = this.#parse(); frame !== null; frame = this.#parse()) {
      const waiter = this.#waiters.shift();
      if (waiter) waiter(frame);
      else this.#pending.push(frame);
    }
  }

  /** One unmasked server frame off the buffer, or null while incomplete. */
  #parse(): ServerFrame | null {
    const buffer = this.#buffer;
    if (!this.response.startsWith('HTTP/1.1 101 ') || buffer.length < 2) return null;
    let length = buffer[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (buffer.length < 4) return null;
      length = buffer.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (buffer.length < 10) return null;
      length = Number(buffer.readBigUInt64BE(2));
      offset = 10;
    }
    if (buffer[1]! & 0x80) throw new Error('server frames must not be masked');
    if (buffer.length < offset + length) return null;
    const frame = { fin: (buffer[0]! & 0x80) !== 0, opcode: buffer[0]! & 0x0f, payload: buffer.subarray(offset, offset + length) };
    this.#buffer = buffer.subarray(offset + length);
    return frame;
  }
}
