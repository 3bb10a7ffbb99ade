/** Who a participant is in an interview. Co-interviewers are interviewers too. */
export type Role = 'interviewer' | 'candidate';

export function isRole(value: unknown): value is Role {
  return value === 'interviewer' || value === 'candidate';
}

/** What the interviewer typed when creating the interview; travels only inside encrypted channels. */
export interface InterviewDetails {
  candidateName: string;
  position: string;
}

export const MAX_DETAIL_LENGTH = 200;

export function isInterviewDetails(value: unknown): value is InterviewDetails {
  if (typeof value !== 'object' || value === null) return false;
  const { candidateName, position } = value as Record<string, unknown>;
  return isShortText(candidateName) && isShortText(position);
}

export function isShortText(value: unknown, max = MAX_DETAIL_LENGTH): value is string {
  return typeof value === 'string' && value.length <= max;
}
