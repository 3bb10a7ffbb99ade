/**
 * The other side's recording as delivered to us. Slices are accepted in
 * order only, each checked against its hash and the chain link that follows
 * from the previous one, then sealed under our data key and stored in our
 * numbering. A slice we hold already is a harmless duplicate. The same tables
 * as our own tracks, so review and export treat it like any recording.
 */
import type { InterviewId } from '../core';
import { bytesEqual, bytesToHex, CHAIN_START, hexToBytes, nextChainLink, sha256Async } from '../crypto';
import type { CandidDb } from './db';
import { openRecord, sealRecord } from './sealed-json';
import { durably, infoContext, isSliceInfo, sealSlice, sliceRange, trackContext, type SliceInfo, type TrackDescription } from './recordings';

/** Why a slice was not stored: its bytes or chain link are wrong, or it is not the next one. */
export type SliceProblem = 'hash' | 'chain' | 'order';

export type DeliveredDescription = Omit<TrackDescription, 'kind' | 'sourceTrackId'> & { sourceTrackId: string };

export class DeliveredTrack {
  private constructor(
    private readonly db: CandidDb,
    private readonly dataKey: Uint8Array,
    readonly interviewId: InterviewId,
    readonly trackId: string,
    private heldCount: number,
    private lastLink: Uint8Array,
  ) {}

  /** Our id for a delivered track: derived from the source's, so every delivery of it lands in one place. */
  static idFor(sourceTrackId: string): string {
    return `d-${sourceTrackId}`;
  }

  /** Opens (or creates) the delivered copy of a track; the description is rewritten, since a track still recording gets its stop later. */
  static async open(db: CandidDb, dataKey: Uint8Array, interviewId: InterviewId, description: DeliveredDescription): Promise<DeliveredTrack> {
    const trackId = DeliveredTrack.idFor(description.sourceTrackId);
    const stored: TrackDescription = { ...description, kind: 'delivered' };
    await durably(() => db.recordings.put({ interviewId, trackId, sealed: sealRecord(dataKey, stored, trackContext(interviewId, trackId)) }));
    const last = await sliceRange(db, interviewId, trackId).last();
    if (last === undefined) return new DeliveredTrack(db, dataKey, interviewId, trackId, 0, CHAIN_START);
    const info = openRecord(dataKey, last.info, infoContext(interviewId, trackId, last.seq), isSliceInfo);
    return new DeliveredTrack(db, dataKey, interviewId, trackId, last.seq + 1, hexToBytes(info.chain));
  }

  /** How many slices we hold: always the first ones, with no gap. */
  get held(): number {
    return this.heldCount;
  }

  /** The chain link after the last slice held (hex), to compare with the sender's signed head. */
  get head(): string | null {
    return this.heldCount === 0 ? null : bytesToHex(this.lastLink);
  }

  /**
   * Stores the next slice after checking it; a slice already held is
   * accepted without a second write. Returns what is wrong instead, so the
   * sender can be asked again. Calls must not overlap.
   */
  async put(seq: number, bytes: Uint8Array, info: SliceInfo): Promise<SliceProblem | null> {
    if (seq < this.heldCount) return null;
    if (seq > this.heldCount) return 'order';
    const hash = await sha256Async(bytes);
    if (!bytesEqual(hash, hexToBytes(info.hash)) || bytes.byteLength !== info.bytes) return 'hash';
    const link = nextChainLink(this.lastLink, seq, hash);
    if (bytesToHex(link) !== info.chain) return 'chain';
    await durably(() => this.db.slices.put(sealSlice(this.dataKey, this.interviewId, this.trackId, seq, bytes, info)));
    this.heldCount = seq + 1;
    this.lastLink = link;
    return null;
  }
}
