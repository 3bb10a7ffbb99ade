/** Creating interviews and reading invite links, for the pages. */
import type { InterviewId, Schedule } from '../../core';
import { createInviteSecret, deriveInterviewId, encodeInviteToken, type InviteSecret } from '../../crypto';
import { candidateLink, interviewerLink, parseCandidateFragment, parseInterviewerFragment, parseScheduleFragment } from '../../net';

export interface InterviewerInvite {
  interviewId: InterviewId;
  candidateSecret: InviteSecret;
  interviewerSecret: InviteSecret;
  candidateLink: string;
  /** Also the interviewer's own page. */
  coInterviewerLink: string;
}

export interface CandidateInvite {
  interviewId: InterviewId;
  candidateSecret: InviteSecret;
  /** The schedule the link carries, if the interviewer set one. */
  schedule: Schedule | null;
}

function interviewerInvite(candidate: InviteSecret, interviewer: InviteSecret, schedule?: Schedule): InterviewerInvite {
  return {
    interviewId: deriveInterviewId(candidate) as InterviewId,
    candidateSecret: candidate,
    interviewerSecret: interviewer,
    candidateLink: candidateLink(location.origin, candidate, schedule),
    coInterviewerLink: interviewerLink(location.origin, { candidate, interviewer }),
  };
}

export function newInterviewerInvite(schedule?: Schedule): InterviewerInvite {
  return interviewerInvite(createInviteSecret(), createInviteSecret(), schedule);
}

/** `schedule` (from the interview record) puts the schedule into the candidate link shown for copying. */
export function readInterviewerInvite(hash: string, schedule?: Schedule): InterviewerInvite | null {
  const invite = parseInterviewerFragment(hash);
  return invite === null ? null : interviewerInvite(invite.candidate, invite.interviewer, schedule);
}

export function readCandidateInvite(hash: string): CandidateInvite | null {
  const secret = parseCandidateFragment(hash);
  return secret === null ? null : { interviewId: deriveInterviewId(secret) as InterviewId, candidateSecret: secret, schedule: parseScheduleFragment(hash) };
}

/** The tokens an interview record keeps so the interview can be reopened from the archive. */
export function inviteTokens(candidate: InviteSecret, interviewer: InviteSecret | null) {
  return { candidateToken: encodeInviteToken(candidate), interviewerToken: interviewer === null ? null : encodeInviteToken(interviewer) };
}

/** The candidate link with the interview's schedule in it, for the interviewer to send. */
export function candidateLinkWithSchedule(invite: InterviewerInvite, schedule?: Schedule): string {
  return candidateLink(location.origin, invite.candidateSecret, schedule);
}
