/** Why a recording could not be made seekable, named so callers can decide (play as is, report damage). */

export type WebmFailure =
  /** The bytes do not start with an EBML header of DocType webm or matroska. */
  | 'not-webm'
  /** The input ended inside an element. */
  | 'truncated'
  /** An element is impossible: bad length marker, child larger than its parent, oversized metadata. */
  | 'malformed'
  /** A well-formed file without Tracks or without any Cluster: nothing to play. */
  | 'no-media';

/** Thrown by the WebM fixer; `offset` is the byte position in the input where the problem was seen. */
export class WebmError extends Error {
  constructor(
    readonly reason: WebmFailure,
    readonly offset: number,
    detail: string,
  ) {
    super(`cannot make WebM seekable: ${reason} at byte ${offset} (${detail})`);
    this.name = 'WebmError';
  }
}
