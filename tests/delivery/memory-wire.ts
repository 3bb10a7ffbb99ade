/**
 * Two connected in-memory wires: frames arrive in order, asynchronously, and
 * `bufferedAmount` counts bytes not yet delivered, so back-pressure is real.
 * A test can alter frames in flight or cut the pair.
 */
import { HIGH_WATER_BYTES, type Frame, type Wire } from '../../src/delivery';

export interface WirePair {
  a: Wire;
  b: Wire;
  /** Frames sent from a to b so far. */
  sentAtoB: Frame[];
  /** Rewrites (or drops, with null) frames from a to b. */
  alterAtoB: ((frame: Frame) => Frame | null) | null;
  cut(): void;
}

export function wirePair(): WirePair {
  let open = true;
  const frameHandlers: [Array<(f: Frame) => void>, Array<(f: Frame) => void>] = [[], []];
  const closeHandlers: [Array<() => void>, Array<() => void>] = [[], []];
  const buffered: [number, number] = [0, 0];
  const drainWaiters: [Array<() => void>, Array<() => void>] = [[], []];
  const size = (frame: Frame) => (typeof frame === 'string' ? frame.length : frame.byteLength);

  const pair: WirePair = {
    a: end(0),
    b: end(1),
    sentAtoB: [],
    alterAtoB: null,
    cut() {
      if (!open) return;
      open = false;
      for (const side of [0, 1] as const) {
        for (const waiter of drainWaiters[side].splice(0)) waiter();
        for (const handler of closeHandlers[side]) handler();
      }
    },
  };

  function end(side: 0 | 1): Wire {
    const other = side === 0 ? 1 : 0;
    return {
      get isOpen() {
        return open;
      },
      send(frame) {
        if (!open) return;
        let delivered: Frame | null = typeof frame === 'string' ? frame : frame.slice();
        if (side === 0) {
          pair.sentAtoB.push(delivered);
          if (pair.alterAtoB) delivered = pair.alterAtoB(delivered);
        }
        if (delivered === null) return;
        const bytes = size(delivered);
        buffered[side] += bytes;
        const arriving = delivered;
        setTimeout(() => {
          buffered[side] -= bytes;
          if (buffered[side] <= HIGH_WATER_BYTES / 4) for (const waiter of drainWaiters[side].splice(0)) waiter();
          if (open) for (const handler of frameHandlers[other]) handler(arriving);
        }, 0);
      },
      drained() {
        if (!open || buffered[side] <= HIGH_WATER_BYTES) return Promise.resolve();
        return new Promise((resolve) => drainWaiters[side].push(resolve));
      },
      onFrame(handler) {
        frameHandlers[side].push(handler);
      },
      onClose(handler) {
        closeHandlers[side].push(handler);
      },
      close() {
        pair.cut();
      },
    };
  }
  return pair;
}
