/**
 * RFC 6455 framing: the header of a received frame, and the frames the server
 * sends. Pure functions over Buffers; nothing here knows about sockets.
 */

export const Opcode = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

/** Close codes the transport itself sends (RFC 6455 §7.4.1); the server's own codes live with the protocol. */
export const TransportCloseCode = {
  normal: 1000,
  protocolError: 1002,
  unsupportedData: 1003,
  invalidPayload: 1007,
  tooBig: 1009,
  internalError: 1011,
} as const;

/** Control frames carry at most this many payload bytes (§5.5). */
export const MAX_CONTROL_PAYLOAD = 125;

/** A frame's first bytes, decoded. */
export interface FrameHeader {
  fin: boolean;
  /** The three RSV bits; nonzero only with an extension, and we negotiate none. */
  rsv: number;
  opcode: number;
  masked: boolean;
  /** May exceed 2^53 for a hostile 64-bit length; then it is Infinity, which every limit refuses. */
  payloadLength: number;
  /** Bytes before the payload, masking key included. */
  headerLength: number;
}

/** A text frame ready to write; one Buffer may go to many sockets. */
export type TextFrame = Buffer & { readonly __frame: 'text' };

/**
 * Decodes the header at the start of `bytes`; null while it is incomplete.
 * `bytes` needs at most 14 bytes for any header.
 */
export function decodeHeader(bytes: Buffer): FrameHeader | null {
  if (bytes.length < 2) return null;
  const b0 = bytes[0] ?? 0;
  const b1 = bytes[1] ?? 0;
  const masked = (b1 & 0x80) !== 0;
  const short = b1 & 0x7f;
  const lengthBytes = short === 126 ? 2 : short === 127 ? 8 : 0;
  const headerLength = 2 + lengthBytes + (masked ? 4 : 0);
  if (bytes.length < headerLength) return null;
  let payloadLength = short;
  if (short === 126) payloadLength = bytes.readUInt16BE(2);
  else if (short === 127) {
    const high = bytes.readUInt32BE(2);
    // Above 2^53 a Number loses exactness; such a frame is over any limit anyway.
    payloadLength = high >= 0x200000 ? Infinity : high * 0x1_0000_0000 + bytes.readUInt32BE(6);
  }
  return { fin: (b0 & 0x80) !== 0, rsv: (b0 >> 4) & 0x7, opcode: b0 & 0x0f, masked, payloadLength, headerLength };
}

/** XORs `payload` in place with the 4-byte masking key at `key[keyOffset]`. */
export function unmask(payload: Buffer, key: Buffer, keyOffset: number): void {
  const mask = [key[keyOffset] ?? 0, key[keyOffset + 1] ?? 0, key[keyOffset + 2] ?? 0, key[keyOffset + 3] ?? 0];
  for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i & 3] ?? 0);
}

function headerSize(length: number): number {
  return length < 126 ? 2 : length < 0x10000 ? 4 : 10;
}

/** Writes an unmasked, final frame header (servers never mask) and returns where the payload starts. */
function writeHeader(out: Buffer, opcode: number, length: number): number {
  out[0] = 0x80 | opcode;
  if (length < 126) {
    out[1] = length;
    return 2;
  }
  if (length < 0x10000) {
    out[1] = 126;
    out.writeUInt16BE(length, 2);
    return 4;
  }
  out[1] = 127;
  out.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
  out.writeUInt32BE(length >>> 0, 6);
  return 10;
}

/** A final text frame; the text is encoded straight into the frame, no intermediate Buffer. */
export function textFrame(text: string): TextFrame {
  const length = Buffer.byteLength(text);
  const out = Buffer.allocUnsafe(headerSize(length) + length);
  out.write(text, writeHeader(out, Opcode.text, length));
  return out as TextFrame;
}

/** A ping, pong or close frame; `payload` must fit the 125-byte control limit. */
export function controlFrame(opcode: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.allocUnsafe(2 + payload.length);
  payload.copy(out, writeHeader(out, opcode, payload.length));
  return out;
}

/** A close frame with `code` and as much of `reason` as fits, cut on a character boundary. */
export function closeFrame(code: number | null, reason = ''): Buffer {
  if (code === null) return controlFrame(Opcode.close);
  let text = reason;
  while (Buffer.byteLength(text) > MAX_CONTROL_PAYLOAD - 2) text = text.slice(0, -1);
  const payload = Buffer.allocUnsafe(2 + Buffer.byteLength(text));
  payload.writeUInt16BE(code, 0);
  payload.write(text, 2);
  return controlFrame(Opcode.close, payload);
}

/** Whether a peer may send `code` in a close frame (§7.4); 1005, 1006 and 1015 are never sent on the wire. */
export function isValidCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
}
