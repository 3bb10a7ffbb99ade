/**
 * The interview's phase machine. The interviewer's page runs it (its clock is
 * the clock of record) and sends the candidate a view of the result; every
 * event also lands on the timeline. Pure: state in, event in, state out.
 *
 *   lobby ─start time and candidate present→ consent ─accept→ environment ─all steps→ questions ─→ ended
 *                   └─decline→ ended        (any stage) ─leave / end / time up→ ended
 */

export type Stage = 'lobby' | 'consent' | 'environment' | 'questions' | 'ended';
export type EnvironmentStep = 'blank-sheet' | 'room-scan';
export const ENVIRONMENT_STEPS: readonly EnvironmentStep[] = ['blank-sheet', 'room-scan'];

export interface Question {
  id: string;
  text: string;
  prepSeconds: number;
  answerSeconds: number;
  /** A hard limit moves on by itself when the answer time is up; a soft one shows the overage. */
  hardLimit: boolean;
}

export type EndReason =
  | 'time-up'
  | 'completed'
  | 'misconduct'
  | 'technical-failure'
  | 'position-filled'
  | 'other'
  | 'consent-declined'
  | 'candidate-left'
  | 'resume-expired';
export const INTERVIEWER_END_REASONS: readonly EndReason[] = ['time-up', 'completed', 'misconduct', 'technical-failure', 'position-filled', 'other'];
export type LeaveReason = 'not-interested' | 'accepted-other-offer' | 'technical-problems' | 'personal' | 'other';
export const LEAVE_REASONS: readonly LeaveReason[] = ['not-interested', 'accepted-other-offer', 'technical-problems', 'personal', 'other'];
export type LossCause = 'network' | 'ice-failure' | 'closed-tab' | 'crash';

export interface SessionState {
  stage: Stage;
  /** When the scheduled start was reached (the waiting room ends then). */
  startedAt: number | null;
  consentAt: number | null;
  pledge: boolean;
  environment: EnvironmentStep[];
  environmentDone: EnvironmentStep[];
  questions: Question[];
  /** Index of the current question; -1 before the first. */
  current: number;
  questionShownAt: number | null;
  answerStartedAt: number | null;
  finishedAt: number | null;
  /** Highest question index shown so far: how far the interview got. */
  reached: number;
  /** Questions the candidate said they finished. */
  answered: string[];
  candidatePresent: boolean;
  lostAt: number | null;
  ended: { at: number; by: 'interviewer' | 'candidate' | 'schedule'; reason: EndReason; note: string } | null;
}

export type SessionEvent =
  | { type: 'interview-started'; at: number }
  | { type: 'candidate-joined'; at: number }
  | { type: 'consent-given'; at: number; pledge: boolean }
  | { type: 'consent-declined'; at: number }
  | { type: 'environment-confirmed'; at: number; step: EnvironmentStep }
  | { type: 'question-added'; at: number; question: Question }
  | { type: 'question-next'; at: number }
  | { type: 'question-previous'; at: number }
  | { type: 'answer-started'; at: number }
  | { type: 'answer-finished'; at: number }
  | { type: 'connection-lost'; at: number; cause: LossCause }
  | { type: 'candidate-left'; at: number; reason: LeaveReason | null; note: string }
  | { type: 'ended'; at: number; by: 'interviewer' | 'schedule'; reason: EndReason; note: string };

export function newSession(questions: Question[], environment: EnvironmentStep[]): SessionState {
  return {
    stage: 'lobby',
    startedAt: null,
    consentAt: null,
    pledge: false,
    environment: [...environment],
    environmentDone: [],
    questions: [...questions],
    current: -1,
    questionShownAt: null,
    answerStartedAt: null,
    finishedAt: null,
    reached: -1,
    answered: [],
    candidatePresent: false,
    lostAt: null,
    ended: null,
  };
}

function showQuestion(state: SessionState, index: number, at: number): SessionState {
  if (index < 0 || index >= state.questions.length) return state;
  return { ...state, current: index, reached: Math.max(state.reached, index), questionShownAt: at, answerStartedAt: null, finishedAt: null };
}

function afterConsentOrSteps(state: SessionState, at: number): SessionState {
  const pending = state.environment.filter((step) => !state.environmentDone.includes(step));
  if (pending.length > 0) return { ...state, stage: 'environment' };
  return showQuestion({ ...state, stage: 'questions' }, 0, at);
}

/** Applies one event; events that make no sense in the current stage change nothing. */
export function reduce(state: SessionState, event: SessionEvent): SessionState {
  if (state.stage === 'ended') return state;
  switch (event.type) {
    case 'interview-started':
      if (state.startedAt !== null) return state;
      return { ...state, startedAt: event.at, stage: state.stage === 'lobby' && state.candidatePresent ? 'consent' : state.stage };
    case 'candidate-joined':
      return {
        ...state,
        candidatePresent: true,
        lostAt: null,
        // Before the start the candidate waits in the lobby; the start moves them on.
        stage: state.stage === 'lobby' && state.startedAt !== null ? 'consent' : state.stage,
      };
    case 'consent-given':
      return state.stage === 'consent' ? afterConsentOrSteps({ ...state, consentAt: event.at, pledge: event.pledge }, event.at) : state;
    case 'consent-declined':
      return state.stage === 'consent' ? { ...state, stage: 'ended', ended: { at: event.at, by: 'candidate', reason: 'consent-declined', note: '' } } : state;
    case 'environment-confirmed':
      if (state.stage !== 'environment' || state.environmentDone.includes(event.step) || !state.environment.includes(event.step)) return state;
      return afterConsentOrSteps({ ...state, environmentDone: [...state.environmentDone, event.step] }, event.at);
    case 'question-added': {
      const next = { ...state, questions: [...state.questions, event.question] };
      // The first question of an interview that had none appears at once.
      return state.stage === 'questions' && state.current === -1 ? showQuestion(next, 0, event.at) : next;
    }
    case 'question-next':
      return state.stage === 'questions' ? showQuestion(state, state.current + 1, event.at) : state;
    case 'question-previous':
      return state.stage === 'questions' ? showQuestion(state, state.current - 1, event.at) : state;
    case 'answer-started':
      return state.stage === 'questions' && state.answerStartedAt === null && state.current >= 0 ? { ...state, answerStartedAt: event.at } : state;
    case 'answer-finished': {
      const question = state.questions[state.current];
      if (state.stage !== 'questions' || question === undefined || state.finishedAt !== null) return state;
      return {
        ...state,
        answerStartedAt: state.answerStartedAt ?? event.at,
        finishedAt: event.at,
        answered: state.answered.includes(question.id) ? state.answered : [...state.answered, question.id],
      };
    }
    case 'connection-lost':
      return { ...state, candidatePresent: false, lostAt: state.lostAt ?? event.at };
    case 'candidate-left':
      return { ...state, stage: 'ended', candidatePresent: false, ended: { at: event.at, by: 'candidate', reason: 'candidate-left', note: event.reason ?? '' } };
    case 'ended':
      return { ...state, stage: 'ended', ended: { at: event.at, by: event.by, reason: event.reason, note: event.note } };
  }
}

/** Recording is allowed once the candidate has consented, until the interview ends. */
export function mayRecord(state: SessionState): boolean {
  return state.consentAt !== null && state.stage !== 'ended';
}

export interface QuestionClock {
  phase: 'prep' | 'answer' | 'finished';
  /** Time left in the current phase; negative in answer phase means overage. */
  remainingMs: number;
  overageMs: number;
}

/** One question's timing: what both the interviewer's state and the candidate's view hold. */
export interface QuestionTiming {
  prepSeconds: number;
  answerSeconds: number;
  shownAt: number;
  answerStartedAt: number | null;
  finishedAt: number | null;
}

/** Where a question's timers stand at `now`. Preparation ends by itself; answering starts then. */
export function questionTimer(timing: QuestionTiming, now: number): QuestionClock {
  const prepEnds = timing.shownAt + timing.prepSeconds * 1000;
  const answerStarted = timing.answerStartedAt ?? (now >= prepEnds ? prepEnds : null);
  if (timing.finishedAt !== null) {
    return { phase: 'finished', remainingMs: 0, overageMs: Math.max(0, timing.finishedAt - (answerStarted ?? timing.finishedAt) - timing.answerSeconds * 1000) };
  }
  if (answerStarted === null) return { phase: 'prep', remainingMs: prepEnds - now, overageMs: 0 };
  const remainingMs = answerStarted + timing.answerSeconds * 1000 - now;
  return { phase: 'answer', remainingMs, overageMs: Math.max(0, -remainingMs) };
}

/** The current question's timers in an interviewer's session. */
export function questionClock(state: SessionState, now: number): QuestionClock | null {
  const question = state.questions[state.current];
  if (question === undefined || state.questionShownAt === null) return null;
  return questionTimer({ ...question, shownAt: state.questionShownAt, answerStartedAt: state.answerStartedAt, finishedAt: state.finishedAt }, now);
}

export function isQuestion(value: unknown): value is Question {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const seconds = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 4 * 3600;
  return typeof v.id === 'string' && v.id.length <= 64 && typeof v.text === 'string' && v.text.length <= 2000 && seconds(v.prepSeconds) && seconds(v.answerSeconds) && typeof v.hardLimit === 'boolean';
}
