/**
 * Thin wrappers that time the real delivery code without changing what it
 * does: the recorder's slice reads, the interviewer's slice stores, and the
 * link's idle time at each window boundary (from the last byte of a window,
 * through storing it and asking for the next, to the next window's first byte).
 */
import type { DeliverySource, DeliveryTarget, Wire } from '../../../src/delivery';
import type { Milestones, StoredSlice, WindowGap } from '../page-api';

export const now = () => performance.timeOrigin + performance.now();

export function timedSource(source: DeliverySource, readMs: number[]): DeliverySource {
  return {
    tracks: () => source.tracks(),
    async read(trackId, seq) {
      const started = performance.now();
      const slice = await source.read(trackId, seq);
      readMs.push(performance.now() - started);
      return slice;
    },
  };
}

/** Notes every slice the store accepts (a duplicate it already held is not noted). */
export function measuredTarget(target: DeliveryTarget, connection: number, stored: StoredSlice[]): DeliveryTarget {
  return async (offer) => {
    const store = await target(offer);
    return {
      get held() {
        return store.held;
      },
      get head() {
        return store.head;
      },
      async put(seq, bytes, info) {
        const startedAt = now();
        const before = store.held;
        const problem = await store.put(seq, bytes, info);
        if (problem === null && store.held > before) stored.push({ seq, bytes: bytes.byteLength, startedAt, at: now(), connection });
        return problem;
      },
    };
  };
}

const WANT_PREFIX = '{"type":"want"';
const OFFER_PREFIX = '{"type":"offer"';

/**
 * The receiver's wire, noting when it asks for a window and when binary
 * frames arrive around that, and the first of each step on this connection.
 */
export function watchedWire(wire: Wire & { opened: Promise<boolean> }, gaps: WindowGap[], milestones: Milestones): Wire {
  let lastByteAt: number | null = null;
  let asked: { lastByteAt: number; wantAt: number } | null = null;
  void wire.opened.then((open) => {
    if (open) milestones.channelOpenAt = now();
  });
  return {
    get isOpen() {
      return wire.isOpen;
    },
    send(frame) {
      if (typeof frame === 'string' && frame.startsWith(WANT_PREFIX)) {
        milestones.firstWantAt ??= now();
        // The first want of a connection follows no window of its own: nothing to measure.
        if (lastByteAt !== null) asked = { lastByteAt, wantAt: now() };
      }
      wire.send(frame);
    },
    drained: () => wire.drained(),
    onFrame(handler) {
      wire.onFrame((frame) => {
        if (typeof frame !== 'string') {
          const at = now();
          milestones.firstByteAt ??= at;
          if (asked !== null) gaps.push({ ...asked, nextByteAt: at });
          asked = null;
          lastByteAt = at;
        } else if (frame.startsWith(OFFER_PREFIX)) {
          milestones.offerAt ??= now();
        }
        handler(frame);
      });
    },
    onClose: (handler) => wire.onClose(handler),
    close: () => wire.close(),
  };
}
