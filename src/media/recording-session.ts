/**
 * The recordings of one interview on this device: one track per stream
 * (our own camera, and on the interviewer side each stream received from the
 * candidate), each a SlicedRecorder writing sealed slices into the vault.
 */
import { Emitter, type InterviewId, type Role } from '../core';
import { TrackWriter, type CandidDb, type TrackKind } from '../vault';
import { SlicedRecorder, type RecorderStopReason } from './sliced-recorder';

export interface RecordingTarget {
  db: CandidDb;
  dataKey: Uint8Array;
  interviewId: InterviewId;
}

type SessionEvents = {
  /** A track stopped on its own: storage full, a recorder failure, or its stream ended. */
  trackStopped: [kind: TrackKind, reason: RecorderStopReason];
  /** A slice of a track was stored: that track's kind and its slice count so far. */
  progress: [kind: TrackKind, slices: number];
};

/** Our own side at full quality: the candidate's copy is the evidence of record. */
const SELF_BITRATE = { videoBitsPerSecond: 2_500_000, audioBitsPerSecond: 128_000 };

export class RecordingSession extends Emitter<SessionEvents> {
  readonly #recorders = new Set<SlicedRecorder>();
  readonly #streams = new WeakSet<MediaStream>();
  readonly #writing = new Set<string>();

  constructor(private readonly target: RecordingTarget) {
    super();
  }

  /** Whether a stored track is being written by this session now; any other unfinished track was cut short. */
  isWriting(trackId: string): boolean {
    return this.#writing.has(trackId);
  }

  get activeTracks(): number {
    return [...this.#recorders].filter((r) => r.recording).length;
  }

  /** Starts a new track for `stream`; a stream already being recorded is ignored. */
  async record(stream: MediaStream, kind: TrackKind, subject: Role): Promise<void> {
    if (this.#streams.has(stream)) return;
    this.#streams.add(stream);
    const { db, dataKey, interviewId } = this.target;
    const recorderOptions = kind === 'self' ? SELF_BITRATE : {};
    // The writer needs the codec the recorder picked; the recorder needs the writer: create the writer lazily.
    let writer: TrackWriter | null = null;
    const startedAt = Date.now();
    const recorder = new SlicedRecorder(
      stream,
      {
        append: async (bytes, at) => {
          writer ??= await TrackWriter.begin(db, dataKey, interviewId, {
            kind,
            subject,
            mimeType: recorder.mimeType,
            startedAt,
            stoppedAt: null,
            stopReason: null,
          });
          this.#writing.add(writer.trackId);
          await writer.append(bytes, at);
        },
        finish: async (reason) => {
          if (writer === null) return;
          try {
            await writer.finish(reason);
          } finally {
            this.#writing.delete(writer.trackId);
          }
        },
      },
      recorderOptions,
    );
    this.#recorders.add(recorder);
    recorder.on('stored', (slices) => this.emit('progress', kind, slices));
    recorder.on('stopped', (reason) => this.emit('trackStopped', kind, reason));
    recorder.start();
  }

  /** Stops every track; resolves when all slices are stored. */
  async stop(): Promise<void> {
    await Promise.all([...this.#recorders].map((r) => r.stop('stopped')));
  }
}
