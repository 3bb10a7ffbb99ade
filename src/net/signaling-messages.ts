/**
 * The y-webrtc signaling protocol as spoken between browsers and `signaling/`.
 * Shared by the client and the server; it imports nothing so the server can
 * compile it on its own. The `data` of a publish is opaque to the server: our
 * clients put a sealed envelope there, y-webrtc an encrypted base64 string.
 */

export type SubscribeMessage = { type: 'subscribe'; topics: string[] };
export type UnsubscribeMessage = { type: 'unsubscribe'; topics: string[] };
export type PublishMessage = { type: 'publish'; topic: string; data: unknown };
export type PingMessage = { type: 'ping' };
export type PongMessage = { type: 'pong' };
/** Sent by our server only (y-webrtc ignores unknown types): a request it refused without closing. */
export type ErrorMessage = { type: 'error'; reason: ServerErrorReason; topic?: string };

export type ServerErrorReason = 'topic-full';

export type ClientMessage = SubscribeMessage | UnsubscribeMessage | PublishMessage | PingMessage;
export type ServerMessage = PublishMessage | PongMessage | ErrorMessage;

/** WebSocket close codes the server uses; 1xxx are standard, 4xxx ours. */
export const CloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  tooBig: 1009,
  internalError: 1011,
  malformed: 4000,
  unknownType: 4001,
  idle: 4008,
  /** The receiver reads too slowly; its send buffer passed the server's limit. */
  slowConsumer: 4009,
  tooManyTopics: 4013,
  rateLimited: 4029,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The longest topic a server accepts; ours are 43-character base64url digests. */
export const MAX_TOPIC_LENGTH = 128;

export function isTopic(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TOPIC_LENGTH;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Guards a message a client receives from the server. */
export function isServerMessage(value: unknown): value is ServerMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'publish':
      return isTopic(value.topic) && 'data' in value;
    case 'pong':
      return true;
    case 'error':
      return value.reason === 'topic-full' && (value.topic === undefined || isTopic(value.topic));
    default:
      return false;
  }
}

export { isRecord };
