/**
 * The transport delivery runs over: an ordered, reliable channel of text and
 * binary frames that reports how much it still has to send. In the app it is
 * a WebRTC data channel (see data-channel-wire.ts).
 */
export type Frame = string | Uint8Array;

export interface Wire {
  readonly isOpen: boolean;
  send(frame: Frame): void;
  /** Resolves once the send buffer is low again (or the wire closed): the sender's back-pressure. */
  drained(): Promise<void>;
  onFrame(handler: (frame: Frame) => void): void;
  onClose(handler: () => void): void;
  close(): void;
}

/** Above this much queued, the sender waits: the channel shares the link with live media. */
export const HIGH_WATER_BYTES = 1024 * 1024;
export const LOW_WATER_BYTES = 256 * 1024;
/** One binary frame: within every browser's SCTP message limit, and fine enough for the send window to pace by. */
export const CHUNK_BYTES = 16 * 1024;
