/**
 * What the bench page puts on `window` for the runner, and what it sends
 * back. Types only: the page (browser) and the runner (Node) share them.
 */

export type BenchPhase = 'fill' | 'export';

/** Where the bundle goes: a private-file-system file (what the app does without a save dialog), or nowhere (to isolate the file's cost). */
export type ExportSink = 'opfs' | 'null';

export interface FillResult {
  slices: number;
  /** Recording bytes stored in the vault (before sealing). */
  bytes: number;
  seconds: number;
}

export interface ExportResult {
  /** From the call to `exportBundle` until the private-file-system file is closed. */
  seconds: number;
  /** Until the first payload byte reached the zip: vault reads, the first pass over the recording (WebM header), setup. */
  firstPassSeconds: number;
  /** Size of the zip as read back from the private file system, or as counted by the null sink. */
  bundleBytes: number;
  payloadBytes: number;
  /** Payload files and their SHA-256 as written in the bag's manifest. */
  files: Array<{ path: string; sha256: string }>;
}

/** One stage of the export timed on its own (see page/stages.ts). */
export interface StageResult {
  stage: string;
  bytes: number;
  seconds: number;
  mbPerSecond: number;
}

export interface StorageFigures {
  quota: number;
  usage: number;
}

/** `window.exportBench`. */
export interface ExportBench {
  /** Builds the vault, one interview and its recording of about `targetBytes`, cut in `sliceBytes` slices. */
  fill(targetBytes: number, sliceBytes: number): Promise<FillResult>;
  /** Exports the interview into a file in the origin's private file system, or into a sink that drops the bytes. */
  exportTo(sink: ExportSink): Promise<ExportResult>;
  /** Times the export's stages one by one over the first `maxBytes` of the stored recording. */
  stages(maxBytes: number): Promise<StageResult[]>;
  storage(): Promise<StorageFigures>;
}

/** `window.benchProgress`, exposed by the runner: called now and then, never awaited. */
export type ProgressCallback = (phase: BenchPhase, done: number, total: number) => void;

export const BENCH_GLOBAL = 'exportBench';
export const PROGRESS_GLOBAL = 'benchProgress';
/** Where the runner copies the fixture in the page's output directory. */
export const FIXTURE_FILE = 'recording.webm';
