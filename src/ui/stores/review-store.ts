/** One interview's record and recordings, for the review page. */
import { createResource, onCleanup } from 'solid-js';
import type { InterviewId } from '../../core';
import { playableTrack } from '../../media';
import { decodeInviteToken, deriveDeliveryKeyPair, fromBase64Url, type InviteSecret } from '../../crypto';
import { DeliveryFileError, importDeliveryFile, vaultTarget } from '../../delivery';
import type { ImportOutcome } from '../components/delivery-import';
import { exitOf, type ExitRecord, type TimelineEvent } from '../../core';
import { listTracks, TamperedDataError, TimelineLog, type InterviewRecord, type TrackSummary } from '../../vault';

/** Why a track cannot be played, in words the page can say. */
export class PlaybackProblem extends Error {
  constructor(readonly reason: 'tampered' | 'damaged') {
    super(reason);
  }
}
import type { VaultStore } from './vault-store';

export function createReviewStore(vault: VaultStore, interviewId: InterviewId) {
  const urls: string[] = [];
  onCleanup(() => urls.forEach((url) => URL.revokeObjectURL(url)));

  const [data, { refetch }] = createResource(async () => {
    const record = await vault.interviews.get(interviewId);
    if (record === null) return null;
    // A full disk must not lock anyone out of their recordings: say the view went unlogged instead.
    const viewLogged = await vault.audit.append('view', interviewId).then(
      () => true,
      () => false,
    );
    const dataKey = await vault.interviews.dataKey(interviewId);
    const tracks = await listTracks(vault.db, dataKey, interviewId);
    const timeline: TimelineEvent[] = await new TimelineLog(vault.db, dataKey, interviewId).list();
    const exits: ExitRecord[] = timeline.flatMap((event) => exitOf(event) ?? []);
    return { record, tracks, timeline, exits, viewLogged };
  });

  /** Decrypts, verifies and repairs a track; the URL lives as long as the page. */
  async function openTrack(track: TrackSummary): Promise<string> {
    const dataKey = await vault.interviews.dataKey(interviewId);
    const blob = await playableTrack(vault.db, dataKey, interviewId, track.trackId, track.description.mimeType).catch((error: unknown) => {
      // Verification failures mean altered data; anything else is a recording we cannot parse.
      throw new PlaybackProblem(error instanceof TamperedDataError ? 'tampered' : 'damaged');
    });
    const url = URL.createObjectURL(blob);
    urls.push(url);
    return url;
  }

  /**
   * Interviewers: checks a candidate's delivery file whole against the device
   * key pinned for this interview, then stores what is new.
   */
  async function importDelivery(file: File): Promise<ImportOutcome> {
    const record = await vault.interviews.get(interviewId);
    const interviewerSecret = record?.interviewerToken ? decodeInviteToken(record.interviewerToken) : null;
    const recorderKey = record?.candidateKey ? fromBase64Url(record.candidateKey) : null;
    if (interviewerSecret === null || recorderKey === null) return { problem: 'no-candidate' };
    const dataKey = await vault.interviews.dataKey(interviewId);
    try {
      const result = await importDeliveryFile(file, {
        interviewId,
        secretKey: deriveDeliveryKeyPair(interviewerSecret).secretKey,
        recorderKey,
        target: vaultTarget(vault.db, dataKey, interviewId),
      });
      void refetch();
      return result;
    } catch (error) {
      if (error instanceof DeliveryFileError) return { problem: error.problem };
      throw error;
    }
  }

  /** Deletes the interview and its recordings from this device; the audit log keeps the fact. */
  async function remove(): Promise<void> {
    await vault.interviews.delete(interviewId);
    await vault.audit.append('delete', interviewId);
  }

  /** Interviewers keep both invite secrets: with them the scorecard room opens again after the call. */
  const scorecardSecrets = (record: InterviewRecord): { interviewerSecret: InviteSecret; candidateSecret: InviteSecret } | null => {
    if (record.role !== 'interviewer' || record.interviewerToken === null) return null;
    const interviewerSecret = decodeInviteToken(record.interviewerToken);
    const candidateSecret = decodeInviteToken(record.candidateToken);
    return interviewerSecret && candidateSecret ? { interviewerSecret, candidateSecret } : null;
  };

  return { data, openTrack, remove, scorecardSecrets, importDelivery, refresh: () => void refetch() };
}
