/** Sample recordings and ways to feed them to the fixer. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))));

/** 6 s from Chromium's fake camera and microphone: MediaRecorder, video/webm;codecs=vp8,opus, 1 s timeslice, 320x240 at 15 fps. */
export const recording6s = fixture('recording-6s.webm');
/** 4 s from the fake microphone alone: audio/webm;codecs=opus, 1 s timeslice. */
export const recordingAudio4s = fixture('recording-audio-4s.webm');

/** The bytes in pieces of `size` (copies, so nothing can lean on the pieces sharing a buffer). */
export async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

/** What a player gets: the new header followed by the original body. */
export function assemble(bytes: Uint8Array, layout: { header: Uint8Array; bodyOffset: number; bodyEnd: number }): Uint8Array {
  const out = new Uint8Array(layout.header.length + layout.bodyEnd - layout.bodyOffset);
  out.set(layout.header);
  out.set(bytes.subarray(layout.bodyOffset, layout.bodyEnd), layout.header.length);
  return out;
}
