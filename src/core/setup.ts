/**
 * What the interviewer decides before the interview: the schedule, the
 * questions, the environment checks, how long recordings are kept; and the
 * part of the session the candidate's page is shown.
 */
import { endsAt, isSchedule, type Schedule } from './schedule';
import { ENVIRONMENT_STEPS, isQuestion, type EndReason, type EnvironmentStep, type Question, type SessionState, type Stage } from './session';

export interface InterviewSetup {
  schedule: Schedule;
  questions: Question[];
  environment: EnvironmentStep[];
  retentionDays: number;
  /** Ask the candidate for an integrity pledge with their consent. */
  pledge: boolean;
}

export const DEFAULT_RETENTION_DAYS = 90;

/** An interview that starts when it is created: the room is open at once. */
export function startNowSchedule(now: number): Schedule {
  return { startsAt: now, durationMinutes: 60, opensMinutesBefore: 0, lateCutoffMinutes: 15, resumeWindowMinutes: 10 };
}

export function isInterviewSetup(value: unknown): value is InterviewSetup {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isSchedule(v.schedule) &&
    Array.isArray(v.questions) &&
    v.questions.length <= 200 &&
    v.questions.every(isQuestion) &&
    Array.isArray(v.environment) &&
    v.environment.every((step) => ENVIRONMENT_STEPS.includes(step as EnvironmentStep)) &&
    typeof v.retentionDays === 'number' &&
    Number.isInteger(v.retentionDays) &&
    v.retentionDays > 0 &&
    v.retentionDays <= 3650 &&
    typeof v.pledge === 'boolean'
  );
}

/** The session as the candidate sees it: their question and its timers, never the interviewers' notes or plans. */
export interface CandidateView {
  stage: Stage;
  question: {
    index: number;
    total: number;
    text: string;
    prepSeconds: number;
    answerSeconds: number;
    hardLimit: boolean;
    shownAt: number;
    answerStartedAt: number | null;
    finishedAt: number | null;
  } | null;
  environmentPending: EnvironmentStep[];
  consent: { retentionDays: number; pledge: boolean; given: boolean };
  ended: { at: number; by: 'interviewer' | 'candidate' | 'schedule'; reason: EndReason } | null;
  /** When the connection was lost, on the interviewer's clock; null while connected. */
  lostAt: number | null;
  startsAt: number;
  endsAt: number;
  resumeWindowMinutes: number;
}

export function candidateView(state: SessionState, setup: InterviewSetup): CandidateView {
  const question = state.questions[state.current];
  return {
    stage: state.stage,
    question:
      question && state.questionShownAt !== null
        ? {
            index: state.current,
            total: state.questions.length,
            text: question.text,
            prepSeconds: question.prepSeconds,
            answerSeconds: question.answerSeconds,
            hardLimit: question.hardLimit,
            shownAt: state.questionShownAt,
            answerStartedAt: state.answerStartedAt,
            finishedAt: state.finishedAt,
          }
        : null,
    environmentPending: state.environment.filter((step) => !state.environmentDone.includes(step)),
    consent: { retentionDays: setup.retentionDays, pledge: setup.pledge, given: state.consentAt !== null },
    ended: state.ended && { at: state.ended.at, by: state.ended.by, reason: state.ended.reason },
    lostAt: state.lostAt,
    startsAt: setup.schedule.startsAt,
    endsAt: endsAt(setup.schedule),
    resumeWindowMinutes: setup.schedule.resumeWindowMinutes,
  };
}

const STAGES: readonly Stage[] = ['lobby', 'consent', 'environment', 'questions', 'ended'];

export function isCandidateView(value: unknown): value is CandidateView {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const q = v.question as Record<string, unknown> | null;
  const consent = v.consent as Record<string, unknown> | null;
  return (
    STAGES.includes(v.stage as Stage) &&
    (q === null ||
      (typeof q === 'object' &&
        typeof q.text === 'string' &&
        q.text.length <= 2000 &&
        typeof q.index === 'number' &&
        typeof q.total === 'number' &&
        typeof q.shownAt === 'number' &&
        typeof q.prepSeconds === 'number' &&
        typeof q.answerSeconds === 'number')) &&
    Array.isArray(v.environmentPending) &&
    v.environmentPending.every((s) => ENVIRONMENT_STEPS.includes(s as EnvironmentStep)) &&
    typeof consent === 'object' &&
    consent !== null &&
    typeof consent.retentionDays === 'number' &&
    typeof v.startsAt === 'number' &&
    typeof v.endsAt === 'number' &&
    typeof v.resumeWindowMinutes === 'number'
  );
}
