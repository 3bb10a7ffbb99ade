/**
 * The recorder's side of delivery: offers its tracks, sends the slices the
 * receiver asks for under the wire's back-pressure, and records every
 * acknowledgement, so the next connection (or a delivery file) starts from
 * the first slice the receiver does not hold.
 */
import { Emitter } from '../core';
import type { SliceInfo } from '../vault';
import { parseDeliveryMessage, type DeliveryMessage, type TrackOffer } from './messages';
import type { UnsignedOffer } from './offer';
import { summarize, type DeliveryProgress } from './progress';
import { SendWindow } from './send-window';
import { CHUNK_BYTES, type Wire } from './wire';

export interface DeliverySource {
  /** Our recorded tracks as they stand now. */
  tracks(): Promise<UnsignedOffer[]>;
  read(trackId: string, seq: number): Promise<{ bytes: Uint8Array; info: SliceInfo } | null>;
}

export interface AckLedger {
  acked(): Promise<Map<string, number>>;
  /** Returns the count stored, which never goes down. */
  acknowledge(trackId: string, count: number): Promise<number>;
}

type SenderEvents = {
  progress: [DeliveryProgress];
  /** Sending stopped on an error reading our own vault. */
  failed: [unknown];
};

type Want = { trackId: string; from: number; to: number };

export class DeliverySender extends Emitter<SenderEvents> {
  readonly #wants: Want[] = [];
  #offered = new Map<string, UnsignedOffer>();
  #acked = new Map<string, number>();
  #ready = false;
  #pumping = false;
  #offering: Promise<void> | null = null;
  #offerAgain = false;
  readonly #window = new SendWindow();
  /** Waits on a spare connection, offering nothing, until it takes over. */
  #standby: boolean;
  /** Slices sent on this connection, for progress figures and tests. */
  sentSlices = 0;

  constructor(
    private readonly wire: Wire,
    private readonly source: DeliverySource,
    private readonly ledger: AckLedger,
    private readonly sign: (offer: UnsignedOffer) => TrackOffer,
    { standby = false } = {},
  ) {
    super();
    this.#standby = standby;
    wire.onFrame((frame) => {
      if (typeof frame !== 'string') return;
      const message = parseDeliveryMessage(frame);
      if (message !== null) this.#onMessage(message);
    });
    wire.onClose(() => this.#window.close());
  }

  /** Our recording grew or stopped: offer it again (coalesced while an offer is being made). */
  refresh(): void {
    if (!this.#ready || this.#standby) return;
    if (this.#offering !== null) {
      this.#offerAgain = true;
      return;
    }
    this.#offering = this.#offer().finally(() => {
      this.#offering = null;
      if (this.#offerAgain) {
        this.#offerAgain = false;
        this.refresh();
      }
    });
  }

  /** How long what we sent has gone unreported by the receiver: a link gone quiet. */
  stalledForMs(): number {
    return this.#window.stalledFor(performance.now());
  }

  /** A standby sender starts: it offers as soon as the receiver is ready (it may be already). */
  takeOver(): void {
    this.#standby = false;
    this.refresh();
  }

  close(): void {
    this.#wants.length = 0;
    this.#window.close();
    this.removeAllListeners();
  }

  #onMessage(message: DeliveryMessage): void {
    switch (message.type) {
      case 'ready':
        this.#ready = true;
        this.refresh();
        return;
      case 'want': {
        const offered = this.#offered.get(message.trackId);
        if (offered === undefined) return;
        this.#wants.push({ trackId: message.trackId, from: message.from, to: Math.min(message.to, offered.count) });
        void this.#pump();
        return;
      }
      case 'got':
        // A report that cannot be true (a confused peer) is ignored.
        this.#window.received(message.bytes, performance.now());
        return;
      case 'ack':
        void this.#acknowledge(message.trackId, message.count);
        return;
      default:
      // Offers and slices travel the other way; a confused peer is ignored.
    }
  }

  async #offer(): Promise<void> {
    try {
      const [tracks, acked] = await Promise.all([this.source.tracks(), this.ledger.acked()]);
      this.#offered = new Map(tracks.map((track) => [track.trackId, track]));
      this.#acked = acked;
      this.wire.send(JSON.stringify({ type: 'offer', tracks: tracks.map((track) => this.sign(track)) } satisfies DeliveryMessage));
      this.#emitProgress();
    } catch (error) {
      this.emit('failed', error);
    }
  }

  async #acknowledge(trackId: string, count: number): Promise<void> {
    const offered = this.#offered.get(trackId);
    // An ack for more than we offered is a confused peer; never record it as delivered.
    if (offered === undefined || count > offered.count) return;
    this.#acked.set(trackId, await this.ledger.acknowledge(trackId, count));
    this.#emitProgress();
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (let want = this.#wants.shift(); want !== undefined && this.wire.isOpen; want = this.#wants.shift()) {
        for (let seq = want.from; seq < want.to && this.wire.isOpen; seq++) {
          const slice = await this.source.read(want.trackId, seq);
          if (slice === null) break;
          await this.#sendSlice(want.trackId, seq, slice.bytes, slice.info);
        }
      }
    } catch (error) {
      this.emit('failed', error);
    } finally {
      this.#pumping = false;
    }
  }

  async #sendSlice(trackId: string, seq: number, bytes: Uint8Array, info: SliceInfo): Promise<void> {
    this.wire.send(JSON.stringify({ type: 'slice', trackId, seq, info } satisfies DeliveryMessage));
    for (let offset = 0; offset < bytes.byteLength; offset += CHUNK_BYTES) {
      const chunk = bytes.subarray(offset, offset + CHUNK_BYTES);
      await this.wire.drained();
      await this.#window.room(chunk.byteLength);
      this.wire.send(chunk);
      this.#window.sent(chunk.byteLength, performance.now());
    }
    this.sentSlices++;
  }

  #emitProgress(): void {
    this.emit('progress', progressOf(this.#offered.values(), this.#acked));
  }
}

function progressOf(tracks: Iterable<UnsignedOffer>, acked: Map<string, number>): DeliveryProgress {
  return summarize([...tracks].map((track) => ({ count: track.count, delivered: acked.get(track.trackId) ?? 0, stopped: track.stoppedAt !== null })));
}

/** Where delivery stands by our own records, with or without a receiver connected. */
export async function senderProgress(source: DeliverySource, ledger: AckLedger): Promise<DeliveryProgress> {
  const [tracks, acked] = await Promise.all([source.tracks(), ledger.acked()]);
  return progressOf(tracks, acked);
}
