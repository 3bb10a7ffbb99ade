/**
 * Interview schedules: when the room opens, when entry closes, when the
 * interview ends, how long a dropped candidate may take to come back; and the
 * time-zone arithmetic behind the form where the interviewer sets them.
 */

export interface Schedule {
  /** Start, in ms since the epoch (UTC). */
  startsAt: number;
  durationMinutes: number;
  /** The room opens this long before the start. */
  opensMinutesBefore: number;
  /** A candidate may still enter this long after the start. */
  lateCutoffMinutes: number;
  /** A disconnected candidate may take this long to come back. */
  resumeWindowMinutes: number;
}

const MINUTE = 60_000;

export const opensAt = (s: Schedule) => s.startsAt - s.opensMinutesBefore * MINUTE;
export const closesEntryAt = (s: Schedule) => s.startsAt + s.lateCutoffMinutes * MINUTE;
export const endsAt = (s: Schedule) => s.startsAt + s.durationMinutes * MINUTE;

export type EntryVerdict =
  | { kind: 'too-early'; opensAt: number }
  | { kind: 'waiting-room'; startsAt: number }
  | { kind: 'open' }
  | { kind: 'too-late'; closedAt: number }
  | { kind: 'over'; endedAt: number };

/** Whether a candidate arriving at `now` (the interviewer's clock) may enter. */
export function entryVerdict(schedule: Schedule, now: number): EntryVerdict {
  if (now >= endsAt(schedule)) return { kind: 'over', endedAt: endsAt(schedule) };
  if (now < opensAt(schedule)) return { kind: 'too-early', opensAt: opensAt(schedule) };
  if (now < schedule.startsAt) return { kind: 'waiting-room', startsAt: schedule.startsAt };
  if (now <= closesEntryAt(schedule)) return { kind: 'open' };
  return { kind: 'too-late', closedAt: closesEntryAt(schedule) };
}

/** A candidate who dropped out at `lostAt` may come back until the window closes or the interview ends. */
export function resumeDeadline(schedule: Schedule, lostAt: number): number {
  return Math.min(lostAt + schedule.resumeWindowMinutes * MINUTE, endsAt(schedule));
}

export function isSchedule(value: unknown): value is Schedule {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const minutes = (x: unknown, max: number) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= max;
  return (
    typeof v.startsAt === 'number' &&
    Number.isFinite(v.startsAt) &&
    minutes(v.durationMinutes, 24 * 60) &&
    (v.durationMinutes as number) > 0 &&
    minutes(v.opensMinutesBefore, 24 * 60) &&
    minutes(v.lateCutoffMinutes, 24 * 60) &&
    minutes(v.resumeWindowMinutes, 24 * 60)
  );
}

/** The zone's offset from UTC at `utc`, in ms (positive east of Greenwich). */
function zoneOffset(utc: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utc));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utc / 1000) * 1000;
}

export type LocalTimeProblem = 'malformed' | 'nonexistent';

/**
 * A wall-clock time (`YYYY-MM-DDTHH:mm`, as a datetime-local input gives it)
 * in an IANA time zone, as UTC ms. A time skipped by a daylight-saving jump
 * does not exist and is refused; a repeated one resolves to its first
 * occurrence.
 */
export function localTimeToUtc(local: string, timeZone: string): number | LocalTimeProblem {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (match === null) return 'malformed';
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(naive).getUTCDate() !== day || hour > 23 || minute > 59) return 'malformed';
  // The answer is naive − offset, for the offset in force at the answer: try the offsets around it.
  const candidates = [...new Set([zoneOffset(naive - 36 * 3_600_000, timeZone), zoneOffset(naive + 36 * 3_600_000, timeZone), zoneOffset(naive, timeZone)])]
    .map((offset) => naive - offset)
    .filter((utc) => naive - zoneOffset(utc, timeZone) === utc)
    .sort((a, b) => a - b);
  return candidates[0] ?? 'nonexistent';
}

/** UTC ms as the `YYYY-MM-DDTHH:mm` wall-clock time of a zone. */
export function utcToLocalTime(utc: number, timeZone: string): string {
  const local = new Date(utc + zoneOffset(utc, timeZone));
  return local.toISOString().slice(0, 16);
}

/**
 * The other clock's offset from ours, NTP-style, from ping round trips:
 * each sample is (sent, their time, received) on our clock except the middle.
 * The sample with the shortest round trip is the least disturbed.
 */
export function clockOffset(samples: ReadonlyArray<{ sentAt: number; remoteAt: number; receivedAt: number }>): { offsetMs: number; rttMs: number } | null {
  let best: { offsetMs: number; rttMs: number } | null = null;
  for (const { sentAt, remoteAt, receivedAt } of samples) {
    const rttMs = receivedAt - sentAt;
    if (rttMs < 0) continue;
    const offsetMs = remoteAt - (sentAt + receivedAt) / 2;
    if (best === null || rttMs < best.rttMs) best = { offsetMs, rttMs };
  }
  return best;
}
