/**
 * The interview's own messages on the data channel. The interviewer's page
 * is the authority: it sends the candidate a view of the session; the
 * candidate sends back what only they can do (consent, steps done, answers,
 * leaving). Both chat, and both send heartbeats to notice a lost link and to
 * measure the clock offset.
 */
import { isCandidateView, LEAVE_REASONS, ENVIRONMENT_STEPS, type CandidateView, type EnvironmentStep, type LeaveReason } from '../core';
import { isRecord } from './signaling-messages';

export const MAX_CHAT_LENGTH = 2000;

export type SessionMessage =
  | { type: 'session'; view: CandidateView; now: number }
  | { type: 'chat'; id: string; text: string; at: number }
  | { type: 'heartbeat'; sentAt: number }
  | { type: 'heartbeat-ack'; sentAt: number; now: number }
  | { type: 'consent'; accepted: boolean; pledge: boolean; statement: string; signature: string; publicKey: string }
  | { type: 'environment-done'; step: EnvironmentStep }
  | { type: 'answer'; action: 'start' | 'finish' }
  | { type: 'leave'; reason: LeaveReason | null; note: string };

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const text = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;

export function isSessionMessage(value: unknown): value is SessionMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'session':
      return isCandidateView(value.view) && finite(value.now);
    case 'chat':
      return text(value.id, 64) && text(value.text, MAX_CHAT_LENGTH) && value.text.trim() !== '' && finite(value.at);
    case 'heartbeat':
      return finite(value.sentAt);
    case 'heartbeat-ack':
      return finite(value.sentAt) && finite(value.now);
    case 'consent':
      return typeof value.accepted === 'boolean' && typeof value.pledge === 'boolean' && text(value.statement, 4000) && text(value.signature, 128) && text(value.publicKey, 64);
    case 'environment-done':
      return ENVIRONMENT_STEPS.includes(value.step as EnvironmentStep);
    case 'answer':
      return value.action === 'start' || value.action === 'finish';
    case 'leave':
      return (value.reason === null || LEAVE_REASONS.includes(value.reason as LeaveReason)) && text(value.note, 1000);
    default:
      return false;
  }
}
