/**
 * Invite links. The secrets ride in the URL fragment, which browsers never
 * send to a server: `/join#c=<token>` for the candidate,
 * `/interview#c=<token>&i=<token>` for interviewers. Only the second carries
 * the co-interviewer secret.
 */
import { decodeInviteToken, encodeInviteToken, type InviteSecret } from '../crypto';

export const CANDIDATE_PATH = '/join';
export const INTERVIEWER_PATH = '/interview';

export interface InterviewerInvite {
  candidate: InviteSecret;
  interviewer: InviteSecret;
}

export function candidateLink(origin: string, candidate: InviteSecret): string {
  return `${origin}${CANDIDATE_PATH}#c=${encodeInviteToken(candidate)}`;
}

export function interviewerLink(origin: string, invite: InterviewerInvite): string {
  return `${origin}${INTERVIEWER_PATH}#c=${encodeInviteToken(invite.candidate)}&i=${encodeInviteToken(invite.interviewer)}`;
}

function fragmentParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** The candidate secret of a `/join` fragment, or null when it is missing, altered or truncated. */
export function parseCandidateFragment(hash: string): InviteSecret | null {
  const token = fragmentParams(hash).get('c');
  return token === null ? null : decodeInviteToken(token);
}

export function parseInterviewerFragment(hash: string): InterviewerInvite | null {
  const params = fragmentParams(hash);
  const candidate = decodeInviteToken(params.get('c') ?? '');
  const interviewer = decodeInviteToken(params.get('i') ?? '');
  return candidate === null || interviewer === null ? null : { candidate, interviewer };
}
