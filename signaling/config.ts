/** Server settings, read once from the environment; every limit has a safe default. */
export interface Limits {
  /** Largest accepted frame in bytes; larger frames close the connection with 1009. */
  maxFrameBytes: number;
  /** Sustained messages per second per connection (token bucket refill rate). */
  messagesPerSecond: number;
  /** Messages a connection may send in a burst above the sustained rate. */
  messageBurst: number;
  /** Topics one connection may be subscribed to at once. */
  maxTopicsPerConnection: number;
  /** Subscribers one topic may hold; further subscriptions are refused with an error message. */
  maxSubscribersPerTopic: number;
  /** A connection silent for this long (no frame, no pong) is closed. */
  idleTimeoutMs: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  /** Folder of the built app to serve; `null` serves only the API. */
  staticDir: string | null;
  /** RTCIceServer list handed to browsers at `/config.json`. */
  iceServers: IceServer[];
  limits: Limits;
}

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export const defaultLimits: Limits = {
  maxFrameBytes: 64 * 1024,
  messagesPerSecond: 50,
  messageBurst: 100,
  maxTopicsPerConnection: 16,
  maxSubscribersPerTopic: 16,
  idleTimeoutMs: 60_000,
};

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function iceServers(raw: string | undefined): IceServer[] {
  if (raw === undefined || raw === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('ICE_SERVERS must be a JSON array of RTCIceServer objects');
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.every(
      (s: unknown) =>
        typeof s === 'object' &&
        s !== null &&
        'urls' in s &&
        (typeof s.urls === 'string' || (Array.isArray(s.urls) && s.urls.every((u) => typeof u === 'string'))),
    );
  if (!valid) throw new ConfigError('ICE_SERVERS must be a JSON array of objects with "urls"');
  return parsed as IceServer[];
}

export function readConfig(env: Env, defaultStaticDir: string | null): ServerConfig {
  return {
    host: env.HOST || 'localhost',
    port: positiveInt(env, 'PORT', 8787),
    staticDir: env.STATIC_DIR || defaultStaticDir,
    iceServers: iceServers(env.ICE_SERVERS),
    limits: {
      maxFrameBytes: positiveInt(env, 'MAX_FRAME_BYTES', defaultLimits.maxFrameBytes),
      messagesPerSecond: positiveInt(env, 'MESSAGES_PER_SECOND', defaultLimits.messagesPerSecond),
      messageBurst: positiveInt(env, 'MESSAGE_BURST', defaultLimits.messageBurst),
      maxTopicsPerConnection: positiveInt(env, 'MAX_TOPICS_PER_CONNECTION', defaultLimits.maxTopicsPerConnection),
      maxSubscribersPerTopic: positiveInt(env, 'MAX_SUBSCRIBERS_PER_TOPIC', defaultLimits.maxSubscribersPerTopic),
      idleTimeoutMs: positiveInt(env, 'IDLE_TIMEOUT_MS', defaultLimits.idleTimeoutMs),
    },
  };
}
