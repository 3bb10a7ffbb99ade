/**
 * One WebSocket connection on a raw net.Socket, after the handshake: frames
 * in through a FrameReader, text frames out, pings answered, both closing
 * handshakes. Built for tens of thousands of idle connections: the socket
 * listeners are three shared functions that find their transport through a
 * symbol on the socket, no timer is per connection, and the reader exists
 * only while a frame is incomplete.
 */
import type { Socket } from 'node:net';
import { destroyLater, forget } from './close-deadlines';
import { closeFrame, controlFrame, Opcode, TransportCloseCode, type TextFrame } from './frames';
import { FrameReader, type ReaderEvent, type Violation } from './reader';

/** What the transport tells its owner. After close() or a violation, only onClose follows. */
export interface TransportHandler {
  /** A whole text message, valid UTF-8. */
  onText(text: string): void;
  /**
   * A binary message began. None is supported: the owner closes with the code
   * it wants; if it does not, the transport closes with 1003.
   */
  onBinary(): void;
  /** The peer answered a ping. */
  onPong(): void;
  /** The transport failed the connection (1002, 1007 or 1009) and has sent the close frame. */
  onViolation(violation: Violation): void;
  /** The socket is gone. Called exactly once, whoever closed. */
  onClose(): void;
}

/** The transport as its owner sees it. */
export interface Transport {
  /** Writes `frame` unless closing; the same frame may be written to many transports. */
  send(frame: TextFrame): void;
  /** Sends an empty ping; the peer's pong reaches onPong. */
  ping(): void;
  /** Sends a close frame, ends the socket, and destroys it if the peer has not closed within a grace period. */
  close(code: number, reason: string): void;
  /** Bytes written but not yet handed to the kernel: how far behind the reader is. */
  readonly bufferedBytes: number;
}

export interface TransportOptions {
  /** The largest message, all fragments together; a larger one closes with 1009 before it is buffered. */
  maxMessageBytes: number;
}

const OPEN = 0;
/** A close frame was sent: nothing more is written or read. */
const CLOSING = 1;
const CLOSED = 2;

const violationCode: Record<Violation, number> = {
  protocol: TransportCloseCode.protocolError,
  too_big: TransportCloseCode.tooBig,
  invalid_utf8: TransportCloseCode.invalidPayload,
};

const PING = controlFrame(Opcode.ping);
const kTransport = Symbol('candid.websocketTransport');
type Carrier = Socket & { [kTransport]?: WebSocketTransport };

/** Until open(): nothing can arrive, since no listener is attached yet. */
const unattached: TransportHandler = {
  onText: () => undefined,
  onBinary: () => undefined,
  onPong: () => undefined,
  onViolation: () => undefined,
  onClose: () => undefined,
};

export class WebSocketTransport implements Transport {
  #handler = unattached;
  #reader: FrameReader | null = null;
  #state = OPEN;

  /** `socket` must have completed the handshake (handshake.ts); `options` is shared by all transports. */
  constructor(
    private readonly socket: Socket,
    private readonly options: TransportOptions,
  ) {}

  /** Starts reading; `head` holds any bytes that arrived with the Upgrade request. */
  open(handler: TransportHandler, head: Buffer): void {
    this.#handler = handler;
    const socket: Carrier = this.socket;
    socket[kTransport] = this;
    socket.setNoDelay(true);
    // An HTTP idle timeout, if one was set, must not reach into a long-lived connection: the server's sweep judges
    // idleness. Only then: setTimeout(0) would add a property to every socket.
    if (socket.timeout) socket.setTimeout(0);
    // A peer that half-closes is gone: Node then ends our side too and destroys the socket, without an 'end' listener per socket.
    socket.allowHalfOpen = false;
    socket.on('error', WebSocketTransport.#onError);
    socket.on('close', WebSocketTransport.#onClose);
    socket.on('data', WebSocketTransport.#onData);
    if (head.length > 0) this.#receive(head);
  }

  get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  send(frame: TextFrame): void {
    if (this.#state === OPEN && this.socket.writable) this.socket.write(frame);
  }

  ping(): void {
    if (this.#state === OPEN && this.socket.writable) this.socket.write(PING);
  }

  close(code: number, reason: string): void {
    this.#finish(closeFrame(code, reason));
  }

  #receive(chunk: Buffer): void {
    // While closing, bytes are read only so that the peer's FIN is seen; they mean nothing now.
    if (this.#state !== OPEN) return;
    const reader = (this.#reader ??= new FrameReader(this.options.maxMessageBytes));
    reader.push(chunk);
    let event: ReaderEvent | null;
    while (this.#state === OPEN && (event = reader.next()) !== null) this.#dispatch(event);
    if (reader.idle || this.#state !== OPEN) this.#reader = null;
  }

  #dispatch(event: ReaderEvent): void {
    switch (event.kind) {
      case 'text':
        return this.#handler.onText(event.text);
      case 'binary':
        this.#handler.onBinary();
        return this.close(TransportCloseCode.unsupportedData, 'binary');
      case 'ping':
        // A pong carries the ping's payload (RFC 6455 §5.5.3).
        if (this.socket.writable) this.socket.write(controlFrame(Opcode.pong, event.payload));
        return;
      case 'pong':
        return this.#handler.onPong();
      case 'close':
        // Echo the peer's code, as the RFC suggests; an empty close is answered with an empty one.
        return this.#finish(closeFrame(event.code));
      case 'violation':
        this.close(violationCode[event.violation], event.detail);
        return this.#handler.onViolation(event.violation);
    }
  }

  /** Sends our close frame once, then half-closes; the peer has CLOSE_GRACE_MS to close its side. */
  #finish(frame: Buffer): void {
    if (this.#state !== OPEN) return;
    this.#state = CLOSING;
    this.#reader = null;
    if (this.socket.destroyed) return;
    // Not writable when the peer half-closed and Node is already ending our side; the deadline still applies.
    if (this.socket.writable) this.socket.end(frame);
    destroyLater(this.socket);
  }

  static #onData(this: Carrier, chunk: Buffer): void {
    const transport = this[kTransport];
    if (transport === undefined) return;
    try {
      transport.#receive(chunk);
    } catch {
      // A bug in framing must cost this connection only, never the process.
      transport.close(TransportCloseCode.internalError, 'internal error');
    }
  }

  static #onClose(this: Carrier): void {
    const transport = this[kTransport];
    forget(this);
    if (transport === undefined || transport.#state === CLOSED) return;
    transport.#state = CLOSED;
    transport.#reader = null;
    transport.#handler.onClose();
  }

  /** Resets and write errors belong to this peer; 'close' follows and reports the end. */
  static #onError(this: Carrier): void {
    this.destroy();
  }
}
