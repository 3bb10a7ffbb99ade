/** Counters exposed at `/metrics` in the Prometheus text format. Never labelled by topic or content. */
import type { RejectReason } from './protocol';

type CloseReason = RejectReason | 'internal_error';

export type MessageType = 'subscribe' | 'unsubscribe' | 'publish' | 'ping';
export type DropReason = 'not_subscribed' | 'topic_full' | 'slow_consumer';

export class Metrics {
  connectionsTotal = 0;
  readonly messages: Record<MessageType, number> = { subscribe: 0, unsubscribe: 0, publish: 0, ping: 0 };
  readonly rejected: Record<CloseReason, number> = {
    binary: 0,
    too_big: 0,
    malformed: 0,
    unknown_type: 0,
    too_many_topics: 0,
    rate_limited: 0,
    idle: 0,
    internal_error: 0,
  };
  readonly dropped: Record<DropReason, number> = { not_subscribed: 0, topic_full: 0, slow_consumer: 0 };

  render(gauges: { connections: number; topics: number }): string {
    const lines = [
      '# HELP candid_connections Open WebSocket connections.',
      '# TYPE candid_connections gauge',
      `candid_connections ${gauges.connections}`,
      '# HELP candid_connections_total WebSocket connections accepted since start.',
      '# TYPE candid_connections_total counter',
      `candid_connections_total ${this.connectionsTotal}`,
      '# HELP candid_topics Topics with at least one subscriber.',
      '# TYPE candid_topics gauge',
      `candid_topics ${gauges.topics}`,
      '# HELP candid_messages_total Valid messages received, by type.',
      '# TYPE candid_messages_total counter',
      ...Object.entries(this.messages).map(([type, n]) => `candid_messages_total{type="${type}"} ${n}`),
      '# HELP candid_rejected_frames_total Frames that closed their connection, by reason.',
      '# TYPE candid_rejected_frames_total counter',
      ...Object.entries(this.rejected).map(([reason, n]) => `candid_rejected_frames_total{reason="${reason}"} ${n}`),
      '# HELP candid_dropped_messages_total Valid messages not delivered, by reason.',
      '# TYPE candid_dropped_messages_total counter',
      ...Object.entries(this.dropped).map(([reason, n]) => `candid_dropped_messages_total{reason="${reason}"} ${n}`),
    ];
    return lines.join('\n') + '\n';
  }
}
