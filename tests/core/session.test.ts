import { describe, expect, it } from 'vitest';
import { mayRecord, newSession, questionClock, reduce, type Question, type SessionEvent, type SessionState } from '../../src/core';

const q = (id: string, prepSeconds = 10, answerSeconds = 60, hardLimit = false): Question => ({ id, text: `Question ${id}`, prepSeconds, answerSeconds, hardLimit });
const run = (state: SessionState, ...events: SessionEvent[]) => events.reduce(reduce, state);
/** A session whose start time has come. */
const started = (questions: Question[], environment: Parameters<typeof newSession>[1]) => reduce(newSession(questions, environment), { type: 'interview-started', at: 0 });

describe('the phase machine', () => {
  it('goes lobby → consent → environment → questions', () => {
    let s = started([q('a'), q('b')], ['blank-sheet', 'room-scan']);
    expect(s.stage).toBe('lobby');
    s = run(s, { type: 'candidate-joined', at: 1 });
    expect(s.stage).toBe('consent');
    expect(mayRecord(s)).toBe(false);
    s = run(s, { type: 'consent-given', at: 2, pledge: true });
    expect(s).toMatchObject({ stage: 'environment', consentAt: 2, pledge: true });
    expect(mayRecord(s)).toBe(true);
    s = run(s, { type: 'environment-confirmed', at: 3, step: 'room-scan' });
    expect(s.stage).toBe('environment');
    s = run(s, { type: 'environment-confirmed', at: 4, step: 'blank-sheet' });
    expect(s).toMatchObject({ stage: 'questions', current: 0, questionShownAt: 4, reached: 0 });
  });

  it('skips the environment stage when no step is switched on', () => {
    const s = run(started([q('a')], []), { type: 'candidate-joined', at: 1 }, { type: 'consent-given', at: 2, pledge: false });
    expect(s).toMatchObject({ stage: 'questions', current: 0 });
  });

  it('ends politely when consent is declined, and never allows recording', () => {
    const s = run(started([q('a')], []), { type: 'candidate-joined', at: 1 }, { type: 'consent-declined', at: 2 });
    expect(s.stage).toBe('ended');
    expect(s.ended).toEqual({ at: 2, by: 'candidate', reason: 'consent-declined', note: '' });
    expect(mayRecord(s)).toBe(false);
  });

  it('moves between questions, adds live ones, and remembers how far it got', () => {
    let s = run(started([q('a'), q('b')], []), { type: 'candidate-joined', at: 0 }, { type: 'consent-given', at: 0, pledge: false });
    s = run(s, { type: 'question-next', at: 10 }, { type: 'question-previous', at: 20 });
    expect(s).toMatchObject({ current: 0, reached: 1 });
    s = run(s, { type: 'question-next', at: 30 }, { type: 'question-next', at: 40 });
    expect(s.current).toBe(1);
    s = run(s, { type: 'question-added', at: 50, question: q('c') }, { type: 'question-next', at: 60 });
    expect(s).toMatchObject({ current: 2, reached: 2 });
  });

  it('records finished answers once', () => {
    let s = run(started([q('a')], []), { type: 'candidate-joined', at: 0 }, { type: 'consent-given', at: 0, pledge: false });
    s = run(s, { type: 'answer-finished', at: 5 }, { type: 'answer-finished', at: 6 });
    expect(s.answered).toEqual(['a']);
    expect(s.finishedAt).toBe(5);
  });

  it('keeps its stage through a lost connection, and a rejoin clears it', () => {
    let s = run(started([q('a')], []), { type: 'candidate-joined', at: 0 }, { type: 'consent-given', at: 0, pledge: false });
    s = run(s, { type: 'connection-lost', at: 100, cause: 'network' });
    expect(s).toMatchObject({ stage: 'questions', candidatePresent: false, lostAt: 100 });
    s = run(s, { type: 'candidate-joined', at: 200 });
    expect(s).toMatchObject({ stage: 'questions', candidatePresent: true, lostAt: null });
  });

  it('ends on leave, on the interviewer, or on the schedule, and ignores everything after', () => {
    const base = run(started([q('a')], []), { type: 'candidate-joined', at: 0 });
    expect(run(base, { type: 'candidate-left', at: 5, reason: 'personal', note: '' }).ended).toMatchObject({ by: 'candidate', reason: 'candidate-left' });
    const ended = run(base, { type: 'ended', at: 9, by: 'schedule', reason: 'time-up', note: '' });
    expect(ended.ended).toMatchObject({ by: 'schedule', reason: 'time-up' });
    expect(run(ended, { type: 'consent-given', at: 10, pledge: true })).toBe(ended);
  });
});

describe('the waiting room', () => {
  it('keeps an early candidate in the lobby until the start, then asks for consent', () => {
    let s = reduce(newSession([q('a')], []), { type: 'candidate-joined', at: 1 });
    expect(s).toMatchObject({ stage: 'lobby', candidatePresent: true });
    s = reduce(s, { type: 'interview-started', at: 5 });
    expect(s).toMatchObject({ stage: 'consent', startedAt: 5 });
  });
});

describe('questionClock', () => {
  const shown = (question: Question) => run(started([question], []), { type: 'candidate-joined', at: 0 }, { type: 'consent-given', at: 1000, pledge: false });

  it('counts preparation down, then the answer, then the overage', () => {
    const s = shown(q('a', 10, 60));
    expect(questionClock(s, 1000 + 4000)).toEqual({ phase: 'prep', remainingMs: 6000, overageMs: 0 });
    expect(questionClock(s, 1000 + 10_000 + 30_000)).toEqual({ phase: 'answer', remainingMs: 30_000, overageMs: 0 });
    expect(questionClock(s, 1000 + 10_000 + 75_000)).toEqual({ phase: 'answer', remainingMs: -15_000, overageMs: 15_000 });
  });

  it('starts answering early when the candidate is ready, and stops the clock when they finish', () => {
    let s = shown(q('a', 10, 60));
    s = reduce(s, { type: 'answer-started', at: 3000 });
    expect(questionClock(s, 4000)).toEqual({ phase: 'answer', remainingMs: 59_000, overageMs: 0 });
    s = reduce(s, { type: 'answer-finished', at: 70_000 });
    expect(questionClock(s, 99_000)).toEqual({ phase: 'finished', remainingMs: 0, overageMs: 7000 });
  });
});
