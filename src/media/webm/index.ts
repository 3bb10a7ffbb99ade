/**
 * Seekable WebM from MediaRecorder output.
 *
 * Chunked MediaRecorder WebM has no Duration and no Cues, so <video> shows no
 * length and cannot seek. We prepend new metadata and keep the Clusters as
 * they are.
 *
 * Why our own small EBML code and not a library (checked 2026-11):
 * - ts-ebml 3.0.2: its `ebml` dependency resolves to an IIFE under Vite's
 *   browser build (`tools.readVint` is undefined at run time), and it uses the
 *   Node `Buffer` global.
 * - webm-duration-fix 1.0.4 (a ts-ebml fork): bundles a `buffer` polyfill;
 *   in Node it crashes on every Chromium recording (7-byte TrackUID exceeds
 *   `Buffer.readUIntBE`); its cues point at each Cluster's first video block,
 *   which in Chromium recordings is usually not a keyframe.
 * - ebml, ebml-stream: Node streams and Buffer. fix-webm-duration: Duration
 *   only, no Cues.
 * - mediabunny: well kept, but it remuxes every packet and its seekable
 *   Matroska output patches the file start at the end, so it needs a
 *   random-access target or the whole file in memory.
 * The format subset needed here is small and fixed (see ebml.ts), and tests
 * run it against real Chromium recordings in Node and in Chromium.
 */
export { analyzeWebm, blobChunks, makeSeekable, type AnalyzeOptions, type SeekableLayout } from './seekable';
export { WebmError, type WebmFailure } from './errors';
