/**
 * Delivery over connections of its own (see delivery-connection.ts), two at a
 * time: the recorder sends on one and keeps a spare, idle and connected. When
 * what it sent has gone unreported for STALL_MS (an outage), it watches the
 * spare; the first packet the spare receives after that says the path is
 * back, and the spare takes over at once, fresh where the old connection
 * would crawl. A new spare is then negotiated.
 * The recorder offers each connection, numbered from 1, and the receiver
 * answers; the messages travel however the caller likes (in the app, the
 * call's own channel).
 */
import { DeliveryConnection } from './delivery-connection';
import type { DeliveryReceiver } from './receiver';
import type { DeliverySender } from './sender';
import type { Wire } from './wire';

/** Sent bytes unreported this long: the path is gone (reports come every frame). */
const STALL_MS = 1_000;
const WATCH_EVERY_MS = 100;
/** A connection not open this long after its offer is given up and made again. */
const OPEN_TIMEOUT_MS = 15_000;
const REOPEN_AFTER_MS = 1_000;
/** A recorder keeps two, and briefly a third while one is replaced. */
const MAX_LEGS = 3;

export interface DeliverySignal {
  id: number;
  sdp: string;
}

interface Leg {
  id: number;
  connection: DeliveryConnection;
  sender: DeliverySender;
}

export interface SendingOptions {
  iceServers: () => RTCIceServer[];
  signal: (message: DeliverySignal) => void;
  /** A sender on this wire; `standby` ones wait until they take over. */
  sender: (wire: Wire, standby: boolean) => DeliverySender;
}

/** The recorder's side: one connection sending, one spare. */
export class SendingConnections {
  readonly #options: SendingOptions;
  readonly #offered = new Map<number, DeliveryConnection>();
  #nextId = 1;
  #active: Leg | null = null;
  #spare: Leg | null = null;
  #closed = false;
  /** While stalled: what the spare had received when the stall was seen (undefined: not stalled). */
  #spareReceived: number | undefined;
  readonly #watch: ReturnType<typeof setInterval>;
  #watching = false;

  constructor(options: SendingOptions) {
    this.#options = options;
    this.#active = this.#open(false);
    this.#spare = this.#open(true);
    this.#watch = setInterval(() => {
      // One look at a time: a slow getStats must not overlap the next.
      if (this.#watching) return;
      this.#watching = true;
      void this.#watchForReturn().finally(() => (this.#watching = false));
    }, WATCH_EVERY_MS);
  }

  /** The connection in use, if any (for figures). */
  get connection(): DeliveryConnection | null {
    return this.#active?.connection ?? null;
  }

  /** The receiver's answer to one of our offers. */
  answered({ id, sdp }: DeliverySignal): void {
    const connection = this.#offered.get(id);
    this.#offered.delete(id);
    if (connection === undefined || connection.closed) return;
    connection.accept(sdp).catch(() => connection.close());
  }

  /** Our recording grew or stopped. */
  refresh(): void {
    this.#active?.sender.refresh();
  }

  close(): void {
    this.#closed = true;
    clearInterval(this.#watch);
    for (const leg of [this.#active, this.#spare]) leg?.connection.close();
    this.#active = this.#spare = null;
  }

  #open(standby: boolean): Leg {
    const id = this.#nextId++;
    const connection = new DeliveryConnection(this.#options.iceServers());
    const leg: Leg = { id, connection, sender: this.#options.sender(connection.wire, standby) };
    this.#offered.set(id, connection);
    connection.on('closed', () => this.#onClosed(leg));
    // An offer or answer lost on the way (the call's link dropped meanwhile) leaves a connection that never opens.
    setTimeout(() => {
      if (!connection.wire.isOpen) connection.close();
    }, OPEN_TIMEOUT_MS);
    connection.offer().then(
      (sdp) => this.#options.signal({ id, sdp }),
      () => connection.close(),
    );
    return leg;
  }

  /** Stalled, then a packet on the spare: the path is back, and the spare takes over. */
  async #watchForReturn(): Promise<void> {
    const spare = this.#spare;
    const stalled = (this.#active?.sender.stalledForMs() ?? 0) > STALL_MS;
    if (!stalled || spare === null || !spare.connection.wire.isOpen) {
      this.#spareReceived = undefined;
      return;
    }
    const received = await spare.connection.received();
    if (this.#spare !== spare || received === null) return;
    if (this.#spareReceived === undefined) this.#spareReceived = received;
    else if (received > this.#spareReceived) this.#switchToSpare(spare);
  }

  /** After an outage: the spare, idle through it, sends from here; the old connection goes. */
  #switchToSpare(spare: Leg): void {
    this.#spareReceived = undefined;
    const old = this.#active;
    this.#active = spare;
    this.#spare = this.#open(true);
    spare.sender.takeOver();
    old?.connection.close();
  }

  #onClosed(leg: Leg): void {
    leg.sender.close();
    this.#offered.delete(leg.id);
    if (this.#closed) return;
    if (this.#spare === leg) this.#spare = null;
    if (this.#active === leg) {
      // The sending connection failed: the spare, if it lives, takes over.
      this.#active = this.#spare;
      this.#spare = null;
      this.#active?.sender.takeOver();
    }
    // Made again a little later, so a connection that cannot be made is not tried in a tight loop.
    setTimeout(() => this.#refill(), REOPEN_AFTER_MS);
  }

  #refill(): void {
    if (this.#closed) return;
    this.#active ??= this.#open(false);
    this.#spare ??= this.#open(true);
  }
}

interface ReceivingLeg {
  id: number;
  connection: DeliveryConnection;
  receiver: DeliveryReceiver | null;
}

export interface ReceivingOptions {
  iceServers: () => RTCIceServer[];
  signal: (message: DeliverySignal) => void;
  /** A receiver on connection `id`'s wire for the recorder with this (checked) key. */
  receiver: (wire: DeliveryConnection['wire'], recorderKey: Uint8Array, id: number) => DeliveryReceiver;
}

/** The receiver's side: answers each connection the recorder offers and receives on it. */
export class ReceivingConnections {
  readonly #options: ReceivingOptions;
  readonly #legs = new Map<number, ReceivingLeg>();
  #latestId = 0;
  #recorderKey: Uint8Array | null = null;

  constructor(options: ReceivingOptions) {
    this.#options = options;
  }

  /**
   * The recorder offers a connection. Numbers only go up. It closes the ones
   * it gives up; beyond MAX_LEGS (a confused peer) the oldest goes.
   */
  async offered({ id, sdp }: DeliverySignal): Promise<void> {
    if (id <= this.#latestId) return;
    this.#latestId = id;
    for (const leg of [...this.#legs.values()].slice(0, Math.max(0, this.#legs.size - MAX_LEGS + 1))) leg.connection.close();
    const connection = new DeliveryConnection(this.#options.iceServers());
    const leg = { id, connection, receiver: null as DeliveryReceiver | null };
    this.#legs.set(id, leg);
    connection.on('closed', () => {
      void leg.receiver?.close();
      this.#legs.delete(id);
    });
    try {
      this.#options.signal({ id, sdp: await connection.answer(sdp) });
    } catch {
      connection.close();
      return;
    }
    this.#startReceiving(leg);
  }

  /** The recorder's key is checked: receive on every connection, and on each one to come. */
  receive(recorderKey: Uint8Array): void {
    this.#recorderKey = recorderKey;
    for (const leg of this.#legs.values()) this.#startReceiving(leg);
  }

  /** The newest connection offered (for figures). */
  get connection(): DeliveryConnection | null {
    return this.#legs.get(this.#latestId)?.connection ?? null;
  }

  close(): void {
    for (const leg of this.#legs.values()) leg.connection.close();
  }

  #startReceiving(leg: ReceivingLeg): void {
    const key = this.#recorderKey;
    if (key === null) return;
    void leg.connection.wire.opened.then((opened) => {
      if (!opened || leg.receiver !== null || leg.connection.closed) return;
      leg.receiver = this.#options.receiver(leg.connection.wire, key, leg.id);
      leg.receiver.start();
    });
  }
}
