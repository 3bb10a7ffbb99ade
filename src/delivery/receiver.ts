/**
 * The interviewer's side of delivery: checks the recorder's signed offers,
 * keeps a window of what it lacks asked for, reassembles each slice from its
 * binary frames, stores it through the target (which checks hash and chain),
 * and acknowledges. A slice that fails its check is dropped and asked for
 * again; a break anywhere just means the next connection asks from `held`.
 */
import { Emitter, type InterviewId } from '../core';
import type { SliceInfo, SliceProblem } from '../vault';
import { parseDeliveryMessage, type DeliveryMessage, type TrackOffer } from './messages';
import { verifyOffer, type UnsignedOffer } from './offer';
import { summarize, type DeliveryProgress } from './progress';
import type { Frame, Wire } from './wire';

/** Where delivered slices go: in the app, a DeliveredTrack in the vault. */
export interface DeliveredStore {
  readonly held: number;
  readonly head: string | null;
  put(seq: number, bytes: Uint8Array, info: SliceInfo): Promise<SliceProblem | null>;
}

export type DeliveryTarget = (offer: UnsignedOffer) => Promise<DeliveredStore>;

export type ReceiverProblem = SliceProblem | 'signature' | 'protocol' | 'head';

type ReceiverEvents = {
  progress: [DeliveryProgress];
  problem: [ReceiverProblem];
};

/** Slices asked for at once: enough to keep the channel busy, few enough to re-ask cheaply. */
export const WANT_WINDOW = 8;

type TrackState = { offer: TrackOffer; store: DeliveredStore; askedUpTo: number | null };
type Incoming = { trackId: string; seq: number; info: SliceInfo; bytes: Uint8Array; filled: number };

export class DeliveryReceiver extends Emitter<ReceiverEvents> {
  readonly #tracks = new Map<string, TrackState>();
  #incoming: Incoming | null = null;
  /** Binary bytes had on this connection, reported back so the sender can time its round trips. */
  #received = 0;
  #closed = false;
  /** Offers and stores run one at a time, in arrival order. */
  #work: Promise<void> = Promise.resolve();

  constructor(
    private readonly wire: Wire,
    private readonly target: DeliveryTarget,
    private readonly recorderKey: Uint8Array,
    private readonly interviewId: InterviewId,
  ) {
    super();
    wire.onFrame((frame) => this.#onFrame(frame));
    wire.onClose(() => void this.close());
  }

  start(): void {
    this.#send({ type: 'ready' });
  }

  /** Stops taking slices; resolves once a store already under way has finished. */
  close(): Promise<void> {
    this.#closed = true;
    this.#incoming = null;
    this.removeAllListeners();
    return this.#work;
  }

  #send(message: DeliveryMessage): void {
    this.wire.send(JSON.stringify(message));
  }

  #enqueue(job: () => Promise<void>): void {
    this.#work = this.#work.then(job).catch(() => this.emit('problem', 'protocol'));
  }

  #onFrame(frame: Frame): void {
    if (this.#closed) return;
    if (typeof frame !== 'string') return this.#onBytes(frame);
    const message = parseDeliveryMessage(frame);
    if (message === null) return this.emit('problem', 'protocol');
    if (message.type === 'offer') {
      const { tracks } = message;
      this.#enqueue(() => this.#onOffer(tracks));
    } else if (message.type === 'slice') {
      if (!this.#tracks.has(message.trackId) || message.info.bytes === 0) return this.emit('problem', 'protocol');
      this.#incoming = { trackId: message.trackId, seq: message.seq, info: message.info, bytes: new Uint8Array(message.info.bytes), filled: 0 };
    }
  }

  #onBytes(chunk: Uint8Array): void {
    this.#received += chunk.byteLength;
    this.#send({ type: 'got', bytes: this.#received });
    const incoming = this.#incoming;
    if (incoming === null || incoming.filled + chunk.byteLength > incoming.bytes.byteLength) {
      this.#incoming = null;
      return this.emit('problem', 'protocol');
    }
    incoming.bytes.set(chunk, incoming.filled);
    incoming.filled += chunk.byteLength;
    if (incoming.filled < incoming.bytes.byteLength) return;
    this.#incoming = null;
    this.#enqueue(() => this.#store(incoming));
  }

  async #onOffer(offers: TrackOffer[]): Promise<void> {
    for (const offer of offers) {
      if (!verifyOffer(this.recorderKey, this.interviewId, offer)) {
        this.emit('problem', 'signature');
        continue;
      }
      const known = this.#tracks.get(offer.trackId);
      // The store is (re)opened when the track is new or its description changed (it stopped).
      const store = known !== undefined && known.offer.stoppedAt === offer.stoppedAt ? known.store : await this.target(offer);
      const state: TrackState = { offer, store, askedUpTo: known?.askedUpTo ?? null };
      this.#tracks.set(offer.trackId, state);
      this.#checkHead(state);
      this.#askMore(state);
    }
    this.#emitProgress();
  }

  async #store({ trackId, seq, info, bytes }: Incoming): Promise<void> {
    const state = this.#tracks.get(trackId);
    if (state === undefined || this.#closed) return;
    const problem = await state.store.put(seq, bytes, info);
    if (problem !== null) this.emit('problem', problem);
    else this.#send({ type: 'ack', trackId, count: state.store.held });
    // All asked for has come: whatever was refused is asked for again, from the first slice still missing.
    if (state.askedUpTo !== null && seq + 1 >= state.askedUpTo) state.askedUpTo = null;
    this.#checkHead(state);
    this.#askMore(state);
    this.#emitProgress();
  }

  /**
   * Keeps up to a window asked for ahead of what is held, topping it up once
   * half has arrived, so the next slices are already on their way when the
   * last asked for is stored: a long round trip does not idle the link.
   * Nothing outstanding (or all of it in and some refused) asks from `held`.
   */
  #askMore(state: TrackState): void {
    const { held } = state.store;
    const { count, trackId } = state.offer;
    const to = Math.min(count, held + WANT_WINDOW);
    const from = state.askedUpTo ?? held;
    if (from >= to || (state.askedUpTo !== null && state.askedUpTo - held > WANT_WINDOW / 2)) return;
    state.askedUpTo = to;
    this.#send({ type: 'want', trackId, from, to });
  }

  /** All offered slices held: their last link must be the head the recorder signed. */
  #checkHead(state: TrackState): void {
    if (state.store.held === state.offer.count && state.store.head !== state.offer.head) this.emit('problem', 'head');
  }

  #emitProgress(): void {
    const tracks = [...this.#tracks.values()].map(({ offer, store }) => {
      // A copy that reached the signed count but not the signed head is not the recorder's: none of it counts.
      const headMismatch = store.held === offer.count && store.head !== offer.head;
      return { count: offer.count, delivered: headMismatch ? 0 : store.held, stopped: offer.stoppedAt !== null };
    });
    this.emit('progress', summarize(tracks));
  }
}
