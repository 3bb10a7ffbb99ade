/**
 * The interview's timeline: every event with its wall time (the interviewer's
 * clock) and, derived, its time into the interview; exits are timeline events
 * that carry the whole record of how the interview ended or was interrupted.
 */
import type { LossCause, SessionState, Stage } from './session';

export type TimelineKind =
  | 'candidate-joined'
  | 'consent-given'
  | 'consent-declined'
  | 'environment-confirmed'
  | 'question-shown'
  | 'answer-started'
  | 'answer-finished'
  | 'question-added'
  | 'marker'
  | 'chat'
  | 'connection-lost'
  | 'connection-restored'
  | 'exit'
  | 'recording-started'
  | 'recording-stopped';

export type TimelineDetail = Record<string, string | number | boolean>;

export interface TimelineEvent {
  at: number;
  kind: TimelineKind;
  detail: TimelineDetail;
}

export type ExitKind = 'candidate-left' | 'connection-lost' | 'interviewer-ended' | 'schedule-ended' | 'consent-declined';

export interface NetworkFigures {
  rttMs: number | null;
  lossPercent: number | null;
  bitrateKbps: number | null;
}

/** One exit: who, when, why, how far the interview had got, what was completed. */
export interface ExitRecord {
  kind: ExitKind;
  at: number;
  who: 'candidate' | 'interviewer' | 'network' | 'schedule';
  reason: string;
  note: string;
  stage: Stage;
  /** 1-based number of the furthest question shown; 0 before any. */
  questionReached: number;
  questionsTotal: number;
  consentGiven: boolean;
  environmentStepsDone: number;
  answersFinished: number;
  cause: LossCause | null;
  network: NetworkFigures | null;
}

/** Builds the record from the state just before the exit took effect. */
export function exitRecord(
  state: SessionState,
  exit: { kind: ExitKind; at: number; reason: string; note?: string; cause?: LossCause; network?: NetworkFigures },
): ExitRecord {
  const who = exit.kind === 'connection-lost' ? 'network' : exit.kind === 'interviewer-ended' ? 'interviewer' : exit.kind === 'schedule-ended' ? 'schedule' : 'candidate';
  return {
    kind: exit.kind,
    at: exit.at,
    who,
    reason: exit.reason,
    note: exit.note ?? '',
    stage: state.stage,
    questionReached: state.reached + 1,
    questionsTotal: state.questions.length,
    consentGiven: state.consentAt !== null,
    environmentStepsDone: state.environmentDone.length,
    answersFinished: state.answered.length,
    cause: exit.cause ?? null,
    network: exit.network ?? null,
  };
}

export function exitEvent(record: ExitRecord): TimelineEvent {
  return { at: record.at, kind: 'exit', detail: { record: JSON.stringify(record) } };
}

export function exitOf(event: TimelineEvent): ExitRecord | null {
  if (event.kind !== 'exit' || typeof event.detail.record !== 'string') return null;
  try {
    return JSON.parse(event.detail.record) as ExitRecord;
  } catch {
    return null;
  }
}

/**
 * Why a link went down, as far as one side can tell: how the connection
 * closed (net's LinkCloseCause), or 'silence' when media stopped arriving on a
 * connection still open.
 */
export type GapCause = 'ice-failure' | 'closed' | 'error' | 'local' | 'silence';

/** A stretch during which the link to a participant was down. */
export interface ConnectionGap {
  since: number;
  cause: GapCause;
}

const vagueCause = (cause: GapCause) => cause === 'silence' || cause === 'local';

/**
 * Opens a gap or carries one on: it starts at the first sign of trouble, and
 * the first close that names what happened replaces silence, or our own
 * teardown of a retry that did not connect; later causes are consequences.
 */
export function extendGap(gap: ConnectionGap | null, at: number, cause: GapCause): ConnectionGap {
  if (gap === null) return { since: at, cause };
  return vagueCause(gap.cause) && !vagueCause(cause) ? { since: gap.since, cause } : gap;
}

/** How a link came back: on the same connection, by itself or after an ICE restart, or on a new one negotiated afresh. */
export type RestoredBy = 'same-connection' | 'ice-restart' | 'new-connection';

/** The timeline entry for a gap that has just ended: how long the link was down, why, and how it came back. */
export function gapEvent(gap: ConnectionGap, at: number, by: RestoredBy): TimelineEvent {
  return { at, kind: 'connection-restored', detail: { downMs: Math.max(0, at - gap.since), cause: gap.cause, by } };
}

/** "m:ss" (or "h:mm:ss") into the interview; negative times (before the start) read as 0. */
export function elapsedLabel(at: number, startedAt: number): string {
  const total = Math.max(0, Math.floor((at - startedAt) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

export function isTimelineEvent(value: unknown): value is TimelineEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.at === 'number' &&
    typeof v.kind === 'string' &&
    typeof v.detail === 'object' &&
    v.detail !== null &&
    Object.values(v.detail).every((d) => ['string', 'number', 'boolean'].includes(typeof d))
  );
}
