/** Delivery backed by the vault: our own tracks as the source, delivered tracks as the target. */
import type { InterviewId } from '../core';
import { DeliveredTrack, listTracks, readSlice, type CandidDb } from '../vault';
import type { UnsignedOffer } from './offer';
import type { DeliveryTarget } from './receiver';
import type { DeliverySource } from './sender';

export function vaultSource(db: CandidDb, dataKey: Uint8Array, interviewId: InterviewId): DeliverySource {
  return {
    async tracks(): Promise<UnsignedOffer[]> {
      const tracks = await listTracks(db, dataKey, interviewId);
      return tracks
        .filter((track) => track.description.kind === 'self')
        .map(({ trackId, description, slices, head }) => ({
          trackId,
          mimeType: description.mimeType,
          startedAt: description.startedAt,
          stoppedAt: description.stoppedAt,
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
