/**
 * Incremental parser of what a client sends: bytes in, whole text messages
 * and control frames out, enforcing the RFC 6455 rules a server must. It
 * holds bytes only while a frame or a fragmented message is incomplete, so
 * its owner can drop it whenever it is idle.
 */
import { isUtf8 } from 'node:buffer';
import { decodeHeader, isValidCloseCode, MAX_CONTROL_PAYLOAD, Opcode, unmask, type FrameHeader } from './frames';

/** Why the reader failed a connection: 1002, 1009 and 1007 on the wire. */
export type Violation = 'protocol' | 'too_big' | 'invalid_utf8';

export type ReaderEvent =
  | { kind: 'text'; text: string }
  /** A binary message began. We support none, so the reader stops here without buffering it. */
  | { kind: 'binary' }
  /** `payload` is only valid until the next call to `next()`. */
  | { kind: 'ping'; payload: Buffer }
  | { kind: 'pong' }
  /** The peer's close frame; `code` is null when it carried none. */
  | { kind: 'close'; code: number | null; reason: string }
  | { kind: 'violation'; violation: Violation; detail: string };

/** The longest possible header: 2 bytes, a 64-bit length and the masking key. */
const MAX_HEADER = 14;
const EMPTY = Buffer.alloc(0);

export class FrameReader {
  /** Received bytes not yet parsed. A list, so a frame arriving in many chunks is copied once, not once per chunk. */
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** Payloads of a fragmented text message so far (binary messages are refused at their first frame). */
  #fragments: Buffer[] | null = null;
  #fragmentBytes = 0;
  /** Set after a close frame, a violation or a binary message: nothing after them is read. */
  #stopped = false;

  /** @param maxMessageBytes the largest message, all fragments together; checked from headers, before buffering. */
  constructor(private readonly maxMessageBytes: number) {}

  push(chunk: Buffer): void {
    if (this.#stopped || chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
  }

  /** True when no bytes and no partial message are held. */
  get idle(): boolean {
    return this.#buffered === 0 && this.#fragments === null;
  }

  /** The next complete event; null when more bytes are needed, or after the reader stopped. */
  next(): ReaderEvent | null {
    while (!this.#stopped) {
      const header = decodeHeader(this.#peek(MAX_HEADER));
      if (header === null) return null;
      const fault = this.#fault(header);
      if (fault !== null) return this.#settle(fault);
      if (header.opcode === Opcode.binary) return this.#settle({ kind: 'binary' });
      const frameLength = header.headerLength + header.payloadLength;
      if (this.#buffered < frameLength) return null;
      const frame = this.#take(frameLength);
      const payload = frame.subarray(header.headerLength);
      unmask(payload, frame, header.headerLength - 4);
      const event = this.#onFrame(header, payload);
      if (event !== null) return this.#settle(event);
    }
    return null;
  }

  /** Everything the header alone tells us is wrong, checked before a byte of payload is held. */
  #fault(header: FrameHeader): ReaderEvent | null {
    const violation = (detail: string): ReaderEvent => ({ kind: 'violation', violation: 'protocol', detail });
    if (header.rsv !== 0) return violation('RSV bits set without an extension');
    if (!header.masked) return violation('client frame not masked');
    switch (header.opcode) {
      case Opcode.close:
      case Opcode.ping:
      case Opcode.pong:
        if (!header.fin) return violation('fragmented control frame');
        if (header.payloadLength > MAX_CONTROL_PAYLOAD) return violation('control frame over 125 bytes');
        return null;
      case Opcode.continuation:
        if (this.#fragments === null) return violation('continuation frame without a message');
        break;
      case Opcode.text:
      case Opcode.binary:
        if (this.#fragments !== null) return violation('new message inside a fragmented one');
        break;
      default:
        return violation(`unknown opcode ${header.opcode}`);
    }
    if (this.#fragmentBytes + header.payloadLength > this.maxMessageBytes) {
      return { kind: 'violation', violation: 'too_big', detail: 'message over the size limit' };
    }
    return null;
  }

  /** Handles one whole, unmasked frame; null when it only added to a fragmented message. */
  #onFrame(header: FrameHeader, payload: Buffer): ReaderEvent | null {
    switch (header.opcode) {
      case Opcode.ping:
        return { kind: 'ping', payload };
      case Opcode.pong:
        return { kind: 'pong' };
      case Opcode.close:
        return closeEvent(payload);
      case Opcode.text:
        if (header.fin) return textEvent(payload);
        // Copied: `payload` may be a view of a much larger chunk.
        this.#fragments = [Buffer.from(payload)];
        this.#fragmentBytes = payload.length;
        return null;
      default: {
        // A continuation; #fault made sure a message is in progress.
        const fragments = this.#fragments ?? [];
        fragments.push(Buffer.from(payload));
        this.#fragmentBytes += payload.length;
        if (!header.fin) return null;
        const message = Buffer.concat(fragments, this.#fragmentBytes);
        this.#fragments = null;
        this.#fragmentBytes = 0;
        return textEvent(message);
      }
    }
  }

  /** Stops the reader after an event that ends the connection, dropping whatever it held. */
  #settle(event: ReaderEvent): ReaderEvent {
    if (event.kind !== 'ping' && event.kind !== 'pong' && event.kind !== 'text') {
      this.#stopped = true;
      this.#chunks = [];
      this.#buffered = 0;
      this.#fragments = null;
      this.#fragmentBytes = 0;
    }
    return event;
  }

  /** The first `n` buffered bytes (fewer if fewer are held) as one Buffer, merging chunks only when a header spans them. */
  #peek(n: number): Buffer {
    const first = this.#chunks[0];
    if (first === undefined) return EMPTY;
    if (first.length >= n || this.#chunks.length === 1) return first;
    let count = 0;
    let bytes = 0;
    while (bytes < n && count < this.#chunks.length) bytes += this.#chunks[count++]?.length ?? 0;
    const merged = Buffer.concat(this.#chunks.slice(0, count), bytes);
    this.#chunks.splice(0, count, merged);
    return merged;
  }

  /** Removes and returns the first `n` buffered bytes; the caller checked that they are there. */
  #take(n: number): Buffer {
    const first = this.#chunks[0] ?? EMPTY;
    this.#buffered -= n;
    if (first.length === n) {
      this.#chunks.shift();
      return first;
    }
    if (first.length > n) {
      this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.#chunks[0] ?? EMPTY;
      const used = Math.min(chunk.length, n - filled);
      chunk.copy(out, filled, 0, used);
      if (used === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(used);
      filled += used;
    }
    return out;
  }
}

function textEvent(payload: Buffer): ReaderEvent {
  if (!isUtf8(payload)) return { kind: 'violation', violation: 'invalid_utf8', detail: 'text is not valid UTF-8' };
  return { kind: 'text', text: payload.toString('utf8') };
}

function closeEvent(payload: Buffer): ReaderEvent {
  if (payload.length === 0) return { kind: 'close', code: null, reason: '' };
  if (payload.length === 1) return { kind: 'violation', violation: 'protocol', detail: 'close frame with a 1-byte body' };
  const code = payload.readUInt16BE(0);
  if (!isValidCloseCode(code)) return { kind: 'violation', violation: 'protocol', detail: `invalid close code ${code}` };
  const reason = payload.subarray(2);
  if (!isUtf8(reason)) return { kind: 'violation', violation: 'invalid_utf8', detail: 'close reason is not valid UTF-8' };
  return { kind: 'close', code, reason: reason.toString('utf8') };
}
