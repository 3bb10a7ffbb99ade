/** Delivery backed by the vault: our own tracks as the source, delivered tracks as the target. */
import type { InterviewId } from '../core';
import { DeliveredTrack, listTracks, readSlice, type CandidDb } from '../vault';
import type { UnsignedOffer } from './offer';
import type { DeliveryTarget } from './receiver';
import type { DeliverySource } from './sender';

/**
 * Our own tracks, offered as they stand. A track with no stop time that
 * nobody is writing was cut short (a crash, a reload): it is offered as ended
 * at its last slice, still without a stop reason, so it reads "interrupted".
 */
export function vaultSource(db: CandidDb, dataKey: Uint8Array, interviewId: InterviewId, isWriting: (trackId: string) => boolean): DeliverySource {
  return {
    async tracks(): Promise<UnsignedOffer[]> {
      const tracks = await listTracks(db, dataKey, interviewId);
      return tracks
        .filter((track) => track.description.kind === 'self')
        .map(({ trackId, description, slices, head, lastSliceAt }) => ({
          trackId,
          mimeType: description.mimeType,
          startedAt: description.startedAt,
          stoppedAt: description.stoppedAt ?? (isWriting(trackId) ? null : (lastSliceAt ?? description.startedAt)),
          stopReason: description.stopReason,
          count: slices,
          head,
        }));
    },
    read: (trackId, seq) => readSlice(db, dataKey, interviewId, trackId, seq),
  };
}

export function vaultTarget(db: CandidDb, dataKey: Uint8Array, interviewId: InterviewId): DeliveryTarget {
  return (offer) =>
    DeliveredTrack.open(db, dataKey, interviewId, {
      subject: 'candidate',
      mimeType: offer.mimeType,
      startedAt: offer.startedAt,
      stoppedAt: offer.stoppedAt,
      stopReason: offer.stopReason,
      sourceTrackId: offer.trackId,
    });
}
