/**
 * A connection of delivery's own beside the call's: an RTCPeerConnection that
 * carries only the delivery channel. A cut of a few seconds leaves an SCTP
 * association that was sending with its retransmission timer expired more
 * than once, and it then grows by one packet a round trip (RFC 4960 7.2.3):
 * seconds before a slice gets through. A connection of its own can be set
 * aside for a fresh one after a cut without touching the call's media or
 * messages. Offers and answers carry every candidate (no trickle), so the two
 * sides exchange one message each.
 */
import { Emitter } from '../core';
import { dataChannelWire } from './data-channel-wire';
import type { Wire } from './wire';

/** The delivery channel's SCTP stream id, agreed by both sides. */
const DELIVERY_CHANNEL_ID = 7;
const GATHERING_TIMEOUT_MS = 10_000;

type ConnectionEvents = {
  /** The connection failed or was closed: it carries nothing more. */
  closed: [];
};

export class DeliveryConnection extends Emitter<ConnectionEvents> {
  readonly pc: RTCPeerConnection;
  readonly channel: RTCDataChannel;
  readonly wire: Wire & { opened: Promise<boolean> };
  #closed = false;

  constructor(iceServers: RTCIceServer[]) {
    super();
    this.pc = new RTCPeerConnection({ iceServers });
    this.channel = this.pc.createDataChannel('delivery', { negotiated: true, id: DELIVERY_CHANNEL_ID, ordered: true });
    this.wire = dataChannelWire(this.channel);
    this.pc.addEventListener('connectionstatechange', () => {
      if (this.pc.connectionState === 'failed') this.close();
    });
    this.channel.addEventListener('close', () => this.close());
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Our offer, with every candidate in it. */
  async offer(): Promise<string> {
    return this.#describe();
  }

  /** Our answer to the other side's offer, with every candidate in it. */
  async answer(offer: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offer });
    return this.#describe();
  }

  async accept(answer: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  /**
   * A count that grows with everything the connection receives: data, and the
   * ICE checks and answers that come even on an idle connection. Null once closed.
   */
  async received(): Promise<number | null> {
    if (this.#closed) return null;
    const stats = [...(await this.pc.getStats()).values()] as Array<Record<string, unknown>>;
    const transport = stats.find((entry) => entry.type === 'transport');
    const pair = stats.find((entry) => entry.type === 'candidate-pair' && entry.id === transport?.selectedCandidatePairId);
    const count = (value: unknown) => (typeof value === 'number' ? value : 0);
    return count(transport?.packetsReceived) + count(pair?.requestsReceived) + count(pair?.responsesReceived);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.pc.close();
    this.emit('closed');
    this.removeAllListeners();
  }

  /** Sets our offer or answer and waits for ICE gathering, so the description carries every candidate. */
  async #describe(): Promise<string> {
    await this.pc.setLocalDescription();
    if (this.pc.iceGatheringState !== 'complete') {
      // A slow server's candidates are left out rather than the connection: host ones are there by now.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, GATHERING_TIMEOUT_MS);
        const check = () => {
          if (this.pc.iceGatheringState !== 'complete') return;
          clearTimeout(timer);
          this.pc.removeEventListener('icegatheringstatechange', check);
          resolve();
        };
        this.pc.addEventListener('icegatheringstatechange', check);
      });
    }
    const sdp = this.pc.localDescription?.sdp;
    if (sdp === undefined) throw new Error('no local description');
    return sdp;
  }
}
