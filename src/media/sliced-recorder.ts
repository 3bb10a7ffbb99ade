/**
 * MediaRecorder in short slices, each handed to a sink and awaited before the
 * next: a slice is durable before another is taken, nothing accumulates in
 * memory, and after a crash at most the slice in flight is lost.
 */
import { Emitter } from '../core';
import { StorageFullError } from '../vault';

export type RecorderStopReason = 'stopped' | 'storage-full' | 'failed';

export interface SliceSink {
  append(bytes: Uint8Array, at: number): Promise<void>;
  finish(reason: RecorderStopReason): Promise<void>;
}

type RecorderEvents = {
  /** Emitted once, after the last slice is stored. */
  stopped: [RecorderStopReason];
  /** A slice was stored; the count of slices so far. */
  stored: [number];
};

export const TIMESLICE_MS = 1000;

/** VP8/Opus first: every Chromium and Firefox plays it back, and our WebM repair knows it. */
export function pickMimeType(hasVideo: boolean): string {
  const candidates = hasVideo ? ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'] : ['audio/webm;codecs=opus', 'audio/webm'];
  return candidates.find((type) => MediaRecorder.isTypeSupported(type)) ?? '';
}

export interface RecorderOptions {
  videoBitsPerSecond?: number;
  audioBitsPerSecond?: number;
}

export class SlicedRecorder extends Emitter<RecorderEvents> {
  readonly mimeType: string;
  readonly #recorder: MediaRecorder;
  readonly #sink: SliceSink;
  #writes: Promise<void> = Promise.resolve();
  #stored = 0;
  #stopReason: RecorderStopReason | null = null;
  #finishing = false;
  #resolveStopped!: () => void;
  readonly #stopped = new Promise<void>((resolve) => (this.#resolveStopped = resolve));

  constructor(stream: MediaStream, sink: SliceSink, options: RecorderOptions = {}) {
    super();
    this.#sink = sink;
    const mimeType = pickMimeType(stream.getVideoTracks().length > 0);
    this.#recorder = new MediaRecorder(stream, { mimeType, ...options });
    this.mimeType = this.#recorder.mimeType || mimeType;
    this.#recorder.ondataavailable = (event) => this.#enqueue(event.data, Date.now());
    // Also fires when every track of the stream ends (a remote peer left).
    this.#recorder.onstop = () => this.#finish();
    this.#recorder.onerror = () => this.stop('failed');
  }

  get stored(): number {
    return this.#stored;
  }

  get recording(): boolean {
    return this.#stopReason === null;
  }

  start(): void {
    this.#recorder.start(TIMESLICE_MS);
  }

  /** Stops recording; resolves once every slice is stored and the track is closed. */
  stop(reason: RecorderStopReason = 'stopped'): Promise<void> {
    if (this.#stopReason === null) {
      this.#stopReason = reason;
      // The final dataavailable fires before onstop, so the last slice is queued before we finish.
      if (this.#recorder.state !== 'inactive') this.#recorder.stop();
      else this.#finish();
    }
    return this.#stopped;
  }

  #enqueue(blob: Blob, at: number): void {
    if (blob.size === 0) return;
    this.#writes = this.#writes.then(async () => {
      if (this.#stopReason === 'storage-full' || this.#stopReason === 'failed') return;
      try {
        await this.#sink.append(new Uint8Array(await blob.arrayBuffer()), at);
        this.#stored++;
        this.emit('stored', this.#stored);
      } catch (error) {
        // Out of space (or a broken store): stop cleanly; what is stored stays intact.
        void this.stop(error instanceof StorageFullError ? 'storage-full' : 'failed');
      }
    });
  }

  #finish(): void {
    if (this.#finishing) return;
    this.#finishing = true;
    this.#stopReason ??= 'stopped';
    const reason = this.#stopReason;
    void this.#writes
      .then(() => this.#sink.finish(reason))
      // Closing the track record is best effort; the slices are already safe.
      .catch(() => undefined)
      .then(() => {
        this.emit('stopped', reason);
        this.#resolveStopped();
      });
  }
}
