/**
 * The server's half of the WebSocket opening handshake (RFC 6455 §4.2): check
 * an HTTP Upgrade request, then answer 101 or refuse with 400 or 426.
 * Extension and subprotocol offers are ignored, never agreed to: the client
 * then gets a plain connection, as the RFC allows.
 */
import { hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** Fixed by RFC 6455 §1.3. */
const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** 16 bytes in base64 are always 22 characters and two pads. */
const KEY_PATTERN = /^[A-Za-z0-9+/]{22}==$/;

export type UpgradeRequest = Pick<IncomingMessage, 'method' | 'httpVersionMajor' | 'httpVersionMinor' | 'headers'>;

export type HandshakeCheck = { ok: true; accept: string } | { ok: false; status: 400 | 426; reason: string };

/** Sec-WebSocket-Accept for a client's Sec-WebSocket-Key. */
export function acceptKey(key: string): string {
  // One-shot: no Hash object per handshake.
  return hash('sha1', key + ACCEPT_GUID, 'base64');
}

/** Comma-separated header tokens, trimmed and lower-cased. */
function tokens(value: string | undefined): string[] {
  return (value ?? '').split(',').map((token) => token.trim().toLowerCase());
}

/** Decides from the request alone; never touches the socket. */
export function checkUpgrade(request: UpgradeRequest): HandshakeCheck {
  const refuse = (reason: string): HandshakeCheck => ({ ok: false, status: 400, reason });
  const { headers } = request;
  if (request.method !== 'GET') return refuse('method must be GET');
  if (request.httpVersionMajor < 1 || (request.httpVersionMajor === 1 && request.httpVersionMinor < 1)) {
    return refuse('HTTP/1.1 or later required');
  }
  if (headers.upgrade?.trim().toLowerCase() !== 'websocket') return refuse('Upgrade must be websocket');
  if (!tokens(headers.connection).includes('upgrade')) return refuse('Connection must include Upgrade');
  if (headers['sec-websocket-version'] !== '13') return { ok: false, status: 426, reason: 'WebSocket version 13 required' };
  const key = headers['sec-websocket-key'];
  if (key === undefined || !KEY_PATTERN.test(key)) return refuse('Sec-WebSocket-Key must be 16 bytes in base64');
  return { ok: true, accept: acceptKey(key) };
}

/** Shared by every socket we refuse or hand over: an error there is the peer's, never the process's. */
export function destroyOnError(this: Socket): void {
  this.destroy();
}

/** Ends `socket` with a short HTTP error response. */
export function refuse(socket: Socket, status: 400 | 404 | 426, reason: string): void {
  const title = status === 400 ? 'Bad Request' : status === 404 ? 'Not Found' : 'Upgrade Required';
  const body = `${reason}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${title}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(status === 426 ? ['Sec-WebSocket-Version: 13'] : []),
  ];
  socket.on('error', destroyOnError);
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * Answers an Upgrade request on `socket`: 101 and true, or an HTTP error and
 * false. False too when the client is already gone.
 */
export function completeHandshake(request: UpgradeRequest, socket: Socket): boolean {
  const check = checkUpgrade(request);
  if (!check.ok) {
    refuse(socket, check.status, check.reason);
    return false;
  }
  if (!socket.readable || !socket.writable) {
    socket.destroy();
    return false;
  }
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${check.accept}\r\n\r\n`,
  );
  return true;
}
