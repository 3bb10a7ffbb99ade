/**
 * Makes a MediaRecorder WebM seekable without rewriting it: one streaming
 * read computes a new header (Duration, Cues, SeekHead), and the file is
 * `header ‖ original bytes from the first Cluster on`. Nothing but the header
 * is ever held in memory, so hour-long, multi-GB recordings are fine.
 */
import { ChunkReader } from './chunk-reader';
import { scanClusters } from './clusters';
import { buildHeader } from './layout';
import { readPreamble } from './preamble';

/** What to put in front of which part of the original to get a seekable WebM. */
export interface SeekableLayout {
  /** New EBML header and Segment metadata, Cues included; Cue positions already count this header's size. */
  header: Uint8Array<ArrayBuffer>;
  /** Where the original's first Cluster starts: the body to append begins here. */
  bodyOffset: number;
  /** Where the body ends: the input's length, unless the original Segment declared a shorter size. */
  bodyEnd: number;
  /** Length of the recording, from the block timestamps. */
  durationMs: number;
  /** How many CuePoints the header holds (0 when no block was a keyframe). */
  cueCount: number;
  /** The input stopped inside an element and was trimmed to the last whole one (see `tolerateCutTail`). */
  cutTail: boolean;
}

export interface AnalyzeOptions {
  /**
   * Accept input that stops inside a Cluster, ending it at the last complete
   * element. Recordings cut by a crash look like this; a file that should be
   * whole (an evidence bundle) should be analysed without it.
   */
  tolerateCutTail?: boolean;
}

/**
 * Reads a WebM once, in order, and returns the header to prepend and where
 * the original body starts and ends. Chunk boundaries may fall anywhere.
 * Throws `WebmError` for input that is not WebM, is cut short, or is
 * broken. When reading stops early, the iterator's `return()` is called so
 * the producer can release what it holds.
 */
export async function analyzeWebm(chunks: AsyncIterable<Uint8Array>, options: AnalyzeOptions = {}): Promise<SeekableLayout> {
  const reader = new ChunkReader(chunks);
  try {
    const preamble = await readPreamble(reader);
    const timeline = await scanClusters(reader, preamble, options.tolerateCutTail ?? false);
    return {
      header: buildHeader(preamble, timeline),
      bodyOffset: preamble.firstCluster.start,
      bodyEnd: timeline.bodyEnd,
      durationMs: (timeline.endTime * preamble.timecodeScale) / 1_000_000,
      cueCount: timeline.cues.length,
      cutTail: timeline.cutTail,
    };
  } finally {
    await reader.close();
  }
}

/** A Blob's bytes as chunks, cancelling the read when the consumer stops early. */
export async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // A stream that failed cannot be cancelled; its own error is the one that matters.
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * For playback: the recording as a seekable Blob. The body is a slice of
 * `source`, so the browser does not copy the media.
 */
export async function makeSeekable(source: Blob, options: AnalyzeOptions = {}): Promise<Blob> {
  const layout = await analyzeWebm(blobChunks(source), options);
  return new Blob([layout.header, source.slice(layout.bodyOffset, layout.bodyEnd)], { type: source.type });
}
