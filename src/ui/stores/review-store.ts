/** One interview's record and recordings, for the review page. */
import { createResource, onCleanup } from 'solid-js';
import type { InterviewId } from '../../core';
import { playableTrack } from '../../media';
import { decodeInviteToken, type InviteSecret } from '../../crypto';
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

  const [data] = createResource(async () => {
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

  return { data, openTrack, remove, scorecardSecrets };
}
