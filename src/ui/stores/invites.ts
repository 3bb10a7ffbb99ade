/**
 * Creating interviews and reading invite links, for the pages. Details typed
 * on the start page are held in memory only until the encrypted vault lands:
 * a candidate's name must never sit in plaintext storage, so a reload forgets
 * them (the call itself still works from the link).
 */
import type { InterviewDetails } from '../../core';
import { createInviteSecret, deriveInterviewId, type InviteSecret } from '../../crypto';
import {
  candidateLink,
  interviewerLink,
  parseCandidateFragment,
  parseInterviewerFragment,
} from '../../net';

const createdInTab = new Map<string, InterviewDetails>();

export interface InterviewerInviteView {
  candidateSecret: InviteSecret;
  interviewerSecret: InviteSecret;
  details: InterviewDetails | null;
  candidateLink: string;
  coInterviewerLink: string;
}

/** Makes both secrets and returns the interviewer's own page URL (which is also the co-interviewer link). */
export function createInterview(details: InterviewDetails): string {
  const invite = { candidate: createInviteSecret(), interviewer: createInviteSecret() };
  createdInTab.set(deriveInterviewId(invite.candidate), details);
  return interviewerLink(location.origin, invite);
}

export function readInterviewerInvite(hash: string): InterviewerInviteView | null {
  const invite = parseInterviewerFragment(hash);
  if (invite === null) return null;
  return {
    candidateSecret: invite.candidate,
    interviewerSecret: invite.interviewer,
    details: createdInTab.get(deriveInterviewId(invite.candidate)) ?? null,
    candidateLink: candidateLink(location.origin, invite.candidate),
    coInterviewerLink: interviewerLink(location.origin, invite),
  };
}

export function readCandidateInvite(hash: string): InviteSecret | null {
  return parseCandidateFragment(hash);
}
