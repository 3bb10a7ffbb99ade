/**
 * One WebRTC connection to one remote participant, over simple-peer. All
 * handlers are attached in the constructor and removed in `destroy()`;
 * events leave through a typed emitter.
 */
import SimplePeer from 'simple-peer/simplepeer.min.js';
import { Emitter, type DeviceId, type PeerId, type Role } from '../core';
import { parseChannelMessage, type ChannelMessage } from './channel-messages';
import type { PeerSignal } from './room-messages';

export interface RemotePeer {
  peerId: PeerId;
  role: Role;
  device: DeviceId;
}

/** Why a link ended, as far as this side can tell. */
export type LinkCloseCause = 'ice-failure' | 'closed' | 'error' | 'local';

type PeerLinkEvents = {
  signal: [PeerSignal];
  connect: [];
  stream: [MediaStream];
  message: [ChannelMessage];
  /** The connection lost its network path and is restarting ICE over signaling (asked by this side, or answered). */
  iceRestart: [];
  close: [LinkCloseCause];
};

/**
 * ICE reports 'disconnected' after a few seconds without answers and, in
 * Chromium, 'failed' about ten seconds later, which ends the link. In between,
 * an ICE restart keeps the connection (tracks, channels, recordings of the
 * received stream) and only needs one offer and answer through signaling.
 */
const ICE_RESTART_AFTER_MS = 1_500;
const ICE_RESTART_EVERY_MS = 4_000;

export interface PeerLinkOptions {
  /** Names this connection attempt (see SignalMessage.link). */
  linkId: string;
  initiator: boolean;
  remote: RemotePeer;
  stream: MediaStream | null;
  iceServers: RTCIceServer[];
}

export class PeerLink extends Emitter<PeerLinkEvents> {
  readonly remote: RemotePeer;
  readonly linkId: string;
  readonly initiator: boolean;
  readonly createdAt = Date.now();
  readonly #peer: SimplePeer.Instance;
  #connected = false;
  #destroyed = false;
  #iceRestartTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: PeerLinkOptions) {
    super();
    this.remote = options.remote;
    this.linkId = options.linkId;
    this.initiator = options.initiator;
    this.#peer = new SimplePeer({
      initiator: options.initiator,
      stream: options.stream ?? undefined,
      config: { iceServers: options.iceServers },
      objectMode: true,
    });
    this.#peer.on('signal', (signal) => this.emit('signal', signal as PeerSignal));
    this.#peer.on('connect', () => {
      this.#connected = true;
      this.emit('connect');
    });
    this.#peer.on('stream', (stream) => this.emit('stream', stream));
    this.#peer.on('data', (data: unknown) => this.#onData(data));
    this.#peer.on('iceStateChange', (state: RTCIceConnectionState) => this.#onIceState(state));
    this.#peer.on('close', () => this.#end('closed'));
    // simple-peer reports ICE failure and channel errors here; either way the link is over.
    this.#peer.on('error', (error: Error & { code?: string }) => this.#end(error.code === 'ERR_ICE_CONNECTION_FAILURE' ? 'ice-failure' : 'error'));
  }

  get connected(): boolean {
    return this.#connected;
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** Feeds a signal from the remote side; a signal simple-peer cannot apply ends the link. */
  signal(signal: PeerSignal): void {
    if (this.#destroyed) return;
    // Once connected, the only offers are the initiator's ICE restarts; the answering side learns of it here.
    if (signal.type === 'offer' && this.#connected) this.emit('iceRestart');
    try {
      this.#peer.signal(signal as SimplePeer.SignalData);
    } catch {
      this.destroy();
    }
  }

  send(message: ChannelMessage): void {
    if (!this.#connected || this.#destroyed) return;
    try {
      this.#peer.send(JSON.stringify(message));
    } catch {
      // The channel closed under us; the close event follows and says so.
    }
  }

  /** The underlying connection's statistics (RTT, loss, decoded frames). */
  async stats(): Promise<RTCStatsReport | null> {
    const pc = this.#connection();
    return pc ? pc.getStats() : null;
  }

  destroy(): void {
    this.#end('local');
  }

  #connection(): RTCPeerConnection | null {
    if (this.#destroyed) return null;
    // simple-peer keeps its RTCPeerConnection in `_pc`; its own getStats flattens the report we need whole.
    return (this.#peer as unknown as { _pc: RTCPeerConnection | null })._pc;
  }

  /** Only the initiator restarts (its offer carries the new credentials); the other side answers as to any offer. */
  #onIceState(state: RTCIceConnectionState): void {
    clearTimeout(this.#iceRestartTimer);
    if (state === 'disconnected' && this.initiator && this.#connected) this.#iceRestartTimer = setTimeout(() => this.#restartIce(), ICE_RESTART_AFTER_MS);
  }

  /** Asks again while still disconnected: an offer sent while signaling was down is lost. */
  #restartIce(): void {
    const pc = this.#connection();
    if (pc === null || pc.iceConnectionState !== 'disconnected') return;
    pc.restartIce();
    // simple-peer's own renegotiation (its typings omit it): the offer goes out through our 'signal' event.
    (this.#peer as unknown as { negotiate(): void }).negotiate();
    this.emit('iceRestart');
    this.#iceRestartTimer = setTimeout(() => this.#restartIce(), ICE_RESTART_EVERY_MS);
  }

  #end(cause: LinkCloseCause): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    clearTimeout(this.#iceRestartTimer);
    this.#peer.removeAllListeners();
    // A late error from the torn-down peer must not surface as an uncaught event.
    this.#peer.on('error', () => undefined);
    this.#peer.destroy();
    this.emit('close', cause);
    this.removeAllListeners();
  }

  #onData(data: unknown): void {
    if (typeof data !== 'string') return;
    const message = parseChannelMessage(data);
    if (message !== null) this.emit('message', message);
  }
}
