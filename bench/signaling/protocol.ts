/**
 * The requests the orchestrator sends to a client worker over IPC, and their
 * replies. Each worker answers one request at a time.
 */

export interface OpenSummary {
  opened: number;
  failed: number;
  /** First few distinct failure messages, to tell a server limit from a client one. */
  errors: string[];
}

export interface WorkerProtocol {
  /** Opens `pairs` rooms of two; each pair subscribes to one random topic and proves it with a ping round trip. */
  connect: {
    request: { url: string; pairs: number; concurrency: number; timeoutMs: number };
    reply: OpenSummary & { readyPairs: number; connectMs: number[] };
  };
  /** Publishes at `ratePerSecond` for `durationMs`, then waits up to `graceMs` for the last deliveries. */
  load: {
    request: { ratePerSecond: number; durationMs: number; payloadBytes: number; graceMs: number };
    reply: { sent: number; delivered: number; echoes: number; latencyMs: number[] };
  };
  /** Opens `count` more idle connections. */
  grow: {
    request: { url: string; count: number; concurrency: number; timeoutMs: number };
    reply: OpenSummary;
  };
  /** Pings every open connection; `alive` answered within the timeout. */
  verify: {
    request: { timeoutMs: number };
    reply: { open: number; alive: number };
  };
}

export type RequestName = keyof WorkerProtocol;
export type RequestOf<K extends RequestName> = WorkerProtocol[K]['request'];
export type ReplyOf<K extends RequestName> = WorkerProtocol[K]['reply'];

export interface RequestEnvelope<K extends RequestName = RequestName> {
  id: number;
  name: K;
  args: RequestOf<K>;
}

export type ReplyEnvelope =
  | { id: number; ok: true; reply: ReplyOf<RequestName> }
  | { id: number; ok: false; error: string };
