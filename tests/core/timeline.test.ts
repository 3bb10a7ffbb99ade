import { describe, expect, it } from 'vitest';
import { elapsedLabel, exitEvent, exitOf, exitRecord, newSession, reduce } from '../../src/core';

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
