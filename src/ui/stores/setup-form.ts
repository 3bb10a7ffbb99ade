/** Reading the create-interview form into an InterviewSetup, with the questions saved for the position. */
import {
  DEFAULT_RETENTION_DAYS,
  isQuestion,
  localTimeToUtc,
  startNowSchedule,
  type EnvironmentStep,
  type InterviewSetup,
  type Question,
  type Schedule,
} from '../../core';
import { Templates } from '../../vault';
import type { VaultStore } from './vault-store';

export type SetupProblem = 'start-malformed' | 'start-nonexistent' | 'numbers';

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes(browserTimeZone()) ? supported : [browserTimeZone(), ...supported];
}

function minutes(form: FormData, name: string, fallback: number): number | null {
  const raw = String(form.get(name) ?? '');
  if (raw === '') return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 && value <= 24 * 60 ? value : null;
}

export function readSchedule(form: FormData, now: number): Schedule | SetupProblem {
  const base = startNowSchedule(now);
  const values = {
    durationMinutes: minutes(form, 'duration', base.durationMinutes),
    opensMinutesBefore: minutes(form, 'opensBefore', base.opensMinutesBefore),
    lateCutoffMinutes: minutes(form, 'lateCutoff', base.lateCutoffMinutes),
    resumeWindowMinutes: minutes(form, 'resumeWindow', base.resumeWindowMinutes),
  };
  if (Object.values(values).some((v) => v === null) || values.durationMinutes === 0) return 'numbers';
  let startsAt = now;
  if (form.get('startMode') === 'scheduled') {
    const utc = localTimeToUtc(String(form.get('startTime') ?? ''), String(form.get('timeZone') ?? browserTimeZone()));
    if (utc === 'malformed') return 'start-malformed';
    if (utc === 'nonexistent') return 'start-nonexistent';
    startsAt = utc;
  }
  return { startsAt, ...(values as Omit<Schedule, 'startsAt'>) };
}

export async function questionBank(vault: VaultStore, position: string): Promise<Question[]> {
  const saved = (await new Templates(vault.db, vault.keyring).forPosition(position))?.questions;
  return Array.isArray(saved) ? saved.filter(isQuestion) : [];
}

export function saveQuestionBank(vault: VaultStore, position: string, questions: Question[]): Promise<void> {
  return new Templates(vault.db, vault.keyring).save(position, { questions });
}

export function readSetup(form: FormData, schedule: Schedule, questions: Question[]): InterviewSetup {
  const environment: EnvironmentStep[] = [];
  if (form.get('blankSheet') === 'on') environment.push('blank-sheet');
  if (form.get('roomScan') === 'on') environment.push('room-scan');
  const retention = Number(form.get('retentionDays') ?? DEFAULT_RETENTION_DAYS);
  return {
    schedule,
    questions,
    environment,
    retentionDays: Number.isInteger(retention) && retention > 0 && retention <= 3650 ? retention : DEFAULT_RETENTION_DAYS,
    pledge: form.get('pledge') === 'on',
  };
}
