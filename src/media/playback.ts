/**
 * A stored track as something a <video> can play: slices decrypted and
 * verified in order, then given the duration and cues MediaRecorder leaves out.
 */
import type { InterviewId } from '../core';
import { readTrack, type CandidDb } from '../vault';
import { makeSeekable } from './webm';


export async function playableTrack(db: CandidDb, dataKey: Uint8Array, interviewId: InterviewId, trackId: string, mimeType: string): Promise<Blob> {
  const parts: BlobPart[] = [];
  // Blob parts, not one array: the browser may keep them out of the JS heap.
  for await (const { bytes } of readTrack(db, dataKey, interviewId, trackId)) parts.push(bytes as Uint8Array<ArrayBuffer>);
  // A track cut by a crash may end inside an element: it plays up to the last whole one.
  return makeSeekable(new Blob(parts, { type: mimeType.split(';')[0] }), { tolerateCutTail: true });
}
