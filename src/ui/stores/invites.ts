/** Creating interviews and reading invite links, for the pages. */
import type { InterviewId } from '../../core';
import { createInviteSecret, deriveInterviewId, encodeInviteToken, type InviteSecret } from '../../crypto';
import { candidateLink, interviewerLink, parseCandidateFragment, parseInterviewerFragment } from '../../net';

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
}

function interviewerInvite(candidate: InviteSecret, interviewer: InviteSecret): InterviewerInvite {
  return {
    interviewId: deriveInterviewId(candidate) as InterviewId,
    candidateSecret: candidate,
    interviewerSecret: interviewer,
    candidateLink: candidateLink(location.origin, candidate),
    coInterviewerLink: interviewerLink(location.origin, { candidate, interviewer }),
  };
}

export function newInterviewerInvite(): InterviewerInvite {
  return interviewerInvite(createInviteSecret(), createInviteSecret());
}

export function readInterviewerInvite(hash: string): InterviewerInvite | null {
  const invite = parseInterviewerFragment(hash);
  return invite === null ? null : interviewerInvite(invite.candidate, invite.interviewer);
}

export function readCandidateInvite(hash: string): CandidateInvite | null {
  const secret = parseCandidateFragment(hash);
  return secret === null ? null : { interviewId: deriveInterviewId(secret) as InterviewId, candidateSecret: secret };
}

/** The tokens an interview record keeps so the interview can be reopened from the archive. */
export function inviteTokens(candidate: InviteSecret, interviewer: InviteSecret | null) {
  return { candidateToken: encodeInviteToken(candidate), interviewerToken: interviewer === null ? null : encodeInviteToken(interviewer) };
}
