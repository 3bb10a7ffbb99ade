import { describe, expect, it } from 'vitest';
import { clockOffset, entryVerdict, isSchedule, localTimeToUtc, resumeDeadline, utcToLocalTime, type Schedule } from '../../src/core';

const MIN = 60_000;
const start = Date.UTC(2026, 11, 1, 9, 0);
const schedule: Schedule = { startsAt: start, durationMinutes: 25, opensMinutesBefore: 30, lateCutoffMinutes: 3, resumeWindowMinutes: 10 };

describe('entryVerdict', () => {
  it.each([
    [-31, 'too-early'],
    [-30, 'waiting-room'],
    [-1, 'waiting-room'],
    [0, 'open'],
    [3, 'open'],
    [3.01, 'too-late'],
    [24, 'too-late'],
    [25, 'over'],
  ] as const)('%s minutes from the start: %s', (minutes, kind) => {
    expect(entryVerdict(schedule, start + minutes * MIN).kind).toBe(kind);
  });

  it('says when the room opens and when entry closed', () => {
    expect(entryVerdict(schedule, start - 60 * MIN)).toEqual({ kind: 'too-early', opensAt: start - 30 * MIN });
    expect(entryVerdict(schedule, start + 10 * MIN)).toEqual({ kind: 'too-late', closedAt: start + 3 * MIN });
  });
});

describe('resumeDeadline', () => {
  it('is the resume window after the drop, but never past the end', () => {
    expect(resumeDeadline(schedule, start + 5 * MIN)).toBe(start + 15 * MIN);
    expect(resumeDeadline(schedule, start + 20 * MIN)).toBe(start + 25 * MIN);
  });
});

describe('local times in a time zone', () => {
  it('converts across zones', () => {
    expect(localTimeToUtc('2026-12-01T09:00', 'UTC')).toBe(Date.UTC(2026, 11, 1, 9, 0));
    expect(localTimeToUtc('2026-12-01T17:00', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 1, 9, 0));
    expect(localTimeToUtc('2026-12-01T04:00', 'America/New_York')).toBe(Date.UTC(2026, 11, 1, 9, 0));
    expect(localTimeToUtc('2026-12-01T14:30', 'Asia/Kolkata')).toBe(Date.UTC(2026, 11, 1, 9, 0));
  });

  it('follows daylight saving: the same wall time is an hour apart in UTC across the change', () => {
    // Europe/Berlin moves to summer time on 2026-03-29 at 02:00.
    expect(localTimeToUtc('2026-03-28T10:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 9, 0));
    expect(localTimeToUtc('2026-03-29T10:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 8, 0));
  });

  it('refuses a time that the spring-forward jump skips, and takes the first of a repeated hour', () => {
    expect(localTimeToUtc('2026-03-29T02:30', 'Europe/Berlin')).toBe('nonexistent');
    // 2026-10-25 02:30 happens twice in Berlin: first at 00:30 UTC (summer time).
    expect(localTimeToUtc('2026-10-25T02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('refuses malformed input and round-trips', () => {
    expect(localTimeToUtc('2026-02-30T10:00', 'UTC')).toBe('malformed');
    expect(localTimeToUtc('tomorrow', 'UTC')).toBe('malformed');
    for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe']) {
      expect(utcToLocalTime(localTimeToUtc('2026-07-04T18:45', zone) as number, zone)).toBe('2026-07-04T18:45');
    }
  });
});

describe('clockOffset', () => {
  it('estimates the other clock from the shortest round trip', () => {
    // Their clock runs 5 s ahead; one sample was delayed on the way back.
    const samples = [
      { sentAt: 1000, remoteAt: 6010, receivedAt: 1020 },
      { sentAt: 2000, remoteAt: 7005, receivedAt: 2400 },
    ];
    expect(clockOffset(samples)).toEqual({ offsetMs: 5000, rttMs: 20 });
    expect(clockOffset([])).toBeNull();
  });
});

describe('isSchedule', () => {
  it('accepts a sane schedule and refuses nonsense from the network', () => {
    expect(isSchedule(schedule)).toBe(true);
    expect(isSchedule({ ...schedule, durationMinutes: 0 })).toBe(false);
    expect(isSchedule({ ...schedule, lateCutoffMinutes: -1 })).toBe(false);
    expect(isSchedule({ ...schedule, startsAt: Infinity })).toBe(false);
    expect(isSchedule(null)).toBe(false);
  });
});
