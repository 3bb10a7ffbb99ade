/**
 * Invite links. The secrets ride in the URL fragment, which browsers never
 * send to a server: `/join#c=<token>` for the candidate,
 * `/interview#c=<token>&i=<token>` for interviewers. Only the second carries
 * the co-interviewer secret.
 */
import { isSchedule, type Schedule } from '../core';
import { decodeInviteToken, encodeInviteToken, type InviteSecret } from '../crypto';

export const CANDIDATE_PATH = '/join';
export const INTERVIEWER_PATH = '/interview';

export interface InterviewerInvite {
  candidate: InviteSecret;
  interviewer: InviteSecret;
}

/**
 * The candidate link also carries the schedule (`s=start.duration.opens.late.resume`),
 * so a candidate who arrives early learns when to come back without anyone
 * online. It is only a hint: the interviewer's page enforces the schedule.
 */
export function candidateLink(origin: string, candidate: InviteSecret, schedule?: Schedule): string {
  const s = schedule ? `&s=${[schedule.startsAt, schedule.durationMinutes, schedule.opensMinutesBefore, schedule.lateCutoffMinutes, schedule.resumeWindowMinutes].join('.')}` : '';
  return `${origin}${CANDIDATE_PATH}#c=${encodeInviteToken(candidate)}${s}`;
}

export function parseScheduleFragment(hash: string): Schedule | null {
  const raw = fragmentParams(hash).get('s');
  if (raw === null || !/^\d+(\.\d+){4}$/.test(raw)) return null;
  const [startsAt, durationMinutes, opensMinutesBefore, lateCutoffMinutes, resumeWindowMinutes] = raw.split('.').map(Number);
  const schedule = { startsAt, durationMinutes, opensMinutesBefore, lateCutoffMinutes, resumeWindowMinutes };
  return isSchedule(schedule) ? schedule : null;
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
