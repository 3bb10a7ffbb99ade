/**
 * Validation of every frame a client sends. Only the routing fields (`type`,
 * `topic`, `topics`) are read; a publish's `data` is never looked into.
 */
import {
  CloseCode,
  isRecord,
  isTopic,
  type ClientMessage,
} from '../src/net/signaling-messages';

export type RejectReason = 'binary' | 'too_big' | 'malformed' | 'unknown_type' | 'too_many_topics' | 'rate_limited' | 'idle';

export const closeCodeFor: Record<RejectReason, number> = {
  binary: CloseCode.unsupportedData,
  too_big: CloseCode.tooBig,
  malformed: CloseCode.malformed,
  unknown_type: CloseCode.unknownType,
  too_many_topics: CloseCode.tooManyTopics,
  rate_limited: CloseCode.rateLimited,
  idle: CloseCode.idle,
};

export type ParseResult = { ok: true; message: ClientMessage } | { ok: false; reason: RejectReason };

const malformed: ParseResult = { ok: false, reason: 'malformed' };

function topicList(value: unknown, maxTopics: number): string[] | 'malformed' | 'too_many' {
  if (!Array.isArray(value)) return 'malformed';
  if (value.length > maxTopics) return 'too_many';
  return value.every(isTopic) ? (value as string[]) : 'malformed';
}

/** Parses one text frame; never throws. */
export function parseClientFrame(text: string, maxTopics: number): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON, or nested deeper than the parser's stack allows.
    return malformed;
  }
  if (!isRecord(value) || typeof value.type !== 'string') return malformed;
  switch (value.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = topicList(value.topics, maxTopics);
      if (topics === 'malformed') return malformed;
      if (topics === 'too_many') return { ok: false, reason: 'too_many_topics' };
      return { ok: true, message: { type: value.type, topics } };
    }
    case 'publish':
      if (!isTopic(value.topic) || !('data' in value)) return malformed;
      return { ok: true, message: { type: 'publish', topic: value.topic, data: value.data } };
    case 'ping':
      return { ok: true, message: { type: 'ping' } };
    default:
      return { ok: false, reason: 'unknown_type' };
  }
}
