import { describe, expect, it } from 'vitest';
import { elapsedLabel, exitEvent, exitOf, exitRecord, extendGap, gapEvent, isTimelineEvent, newSession, reduce } from '../../src/core';

describe('exit records', () => {
  it('say who, when, why, how far it got and what was completed', () => {
    let s = newSession(
      [1, 2, 3].map((n) => ({ id: `q${n}`, text: `Q${n}`, prepSeconds: 0, answerSeconds: 60, hardLimit: false })),
      ['blank-sheet'],
    );
    s = [
      { type: 'interview-started', at: 0 },
      { type: 'candidate-joined', at: 0 },
      { type: 'consent-given', at: 1, pledge: true },
      { type: 'environment-confirmed', at: 2, step: 'blank-sheet' },
      { type: 'answer-finished', at: 3 },
      { type: 'question-next', at: 4 },
    ].reduce((state, event) => reduce(state, event as never), s);
    const record = exitRecord(s, { kind: 'connection-lost', at: 99, reason: 'heartbeat-timeout', cause: 'network', network: { rttMs: 40, lossPercent: 12.5, bitrateKbps: 800 } });
    expect(record).toEqual({
      kind: 'connection-lost',
      at: 99,
      who: 'network',
      reason: 'heartbeat-timeout',
      note: '',
      stage: 'questions',
      questionReached: 2,
      questionsTotal: 3,
      consentGiven: true,
      environmentStepsDone: 1,
      answersFinished: 1,
      cause: 'network',
      network: { rttMs: 40, lossPercent: 12.5, bitrateKbps: 800 },
    });
    expect(exitOf(exitEvent(record))).toEqual(record);
  });
});

describe('elapsedLabel', () => {
  it.each([
    [0, '0:00'],
    [59_999, '0:59'],
    [61_000, '1:01'],
    [3_725_000, '1:02:05'],
    [-5000, '0:00'],
  ])('%s ms → %s', (ms, label) => {
    expect(elapsedLabel(1_000_000 + ms, 1_000_000)).toBe(label);
  });
});

describe('connection gaps', () => {
  it('start at the first sign of trouble and take the first cause that names what happened', () => {
    let gap = extendGap(null, 1000, 'silence');
    expect(gap).toEqual({ since: 1000, cause: 'silence' });
    gap = extendGap(gap, 9000, 'ice-failure');
    expect(gap).toEqual({ since: 1000, cause: 'ice-failure' });
    // Retries that time out, and a later error, do not rewrite why the link went down.
    expect(extendGap(gap, 12_000, 'local')).toEqual(gap);
    expect(extendGap(gap, 15_000, 'error')).toEqual(gap);
    expect(extendGap(extendGap(null, 5, 'local'), 6, 'silence')).toEqual({ since: 5, cause: 'local' });
  });

  it('end as a timeline event with how long the link was down and why', () => {
    expect(gapEvent({ since: 1000, cause: 'ice-failure' }, 34_500, 'new-connection')).toEqual({
      at: 34_500,
      kind: 'connection-restored',
      detail: { downMs: 33_500, cause: 'ice-failure', by: 'new-connection' },
    });
    expect(isTimelineEvent(gapEvent({ since: 10, cause: 'silence' }, 5, 'ice-restart'))).toBe(true);
  });
});
