/**
 * Pairing on one invite topic: peers announce themselves in sealed envelopes,
 * the peer with the smaller id opens each WebRTC link, and broken links are
 * re-opened while the other side is still around. Enforces one candidate
 * device per invite.
 */
import { Emitter, randomId, type DeviceId, type PeerId, type Role } from '../core';
import { openJson, sealJson, verifyInterviewerProof, type InviteSecret, type SignalingKeys } from '../crypto';
import { exponentialBackoff } from './backoff';
import type { SignedIdentity } from './channel-messages';
import { PeerLink, type RemotePeer } from './peer-link';
import { isRoomMessage, SIGNAL_CONTEXT, type AnnounceMessage, type RefusalReason, type RoomMessage, type SignalMessage } from './room-messages';
import type { SignalingClient } from './signaling-client';

export interface SelfInfo {
  peerId: PeerId;
  role: Role;
  device: DeviceId;
  joinedAt: number;
  /** Interviewers only: proves the role to other interviewers. */
  proof?: string;
  /** Candidates only: the reclaim token, this device key's signature over this join. */
  claim?: SignedIdentity;
}

export interface RoomOptions {
  signaling: SignalingClient;
  keys: SignalingKeys;
  self: SelfInfo;
  /** Interviewers hold it and check other interviewers' proofs; candidates do not have it. */
  interviewerSecret: InviteSecret | null;
  stream: MediaStream | null;
  /** Asked for each new connection: a page loaded offline learns the list only once the server answers. */
  iceServers: () => RTCIceServer[];
  /**
   * Interviewers: whether the schedule lets this candidate device in now
   * (null = yes); `pinned` says its claim is signed by the device key pinned
   * for the interview. Asked once per new peer, not for every repeated announce.
   */
  admitCandidate?: (device: DeviceId, pinned: boolean) => RefusalReason | null;
  /** Interviewers: whether a candidate's claim is signed, for this join, by the device key pinned for the interview. */
  isPinnedCandidate?: (claim: SignedIdentity, from: PeerId, joinedAt: number) => boolean;
}

type RoomEvents = {
  /** A link to a peer was opened; it emits `connect` once media and data flow. */
  link: [PeerLink];
  /** This candidate device was turned away: the seat is taken, or the schedule does not allow entry now. */
  refused: [RefusalReason];
  /** The server refused our subscription: the room has too many participants. */
  full: [];
  /** A message on our topic failed authentication: someone without the link, or tampering. */
  forged: [];
  /** A peer said goodbye (closed its tab or left). */
  bye: [PeerId];
  /** A peer was forgotten (goodbye, seat taken back, or down too long): nothing is re-opened to it until it announces again. */
  gone: [PeerId];
};

/** A link not connected after this long is abandoned and tried again. */
const CONNECT_TIMEOUT_MS = 20_000;
/** A peer whose link stays down this long is forgotten; its seat frees. */
const FORGET_AFTER_MS = 30_000;

export class Room extends Emitter<RoomEvents> {
  readonly #options: RoomOptions;
  readonly #peers = new Map<PeerId, { remote: RemotePeer; joinedAt: number; downSince: number | null }>();
  readonly #links = new Map<PeerId, PeerLink>();
  readonly #retryTimers = new Map<PeerId, ReturnType<typeof setTimeout>>();
  readonly #retryAttempts = new Map<PeerId, number>();
  readonly #backoff = exponentialBackoff(500, 5_000);
  readonly #unsubscribe: Array<() => void> = [];
  #left = false;

  constructor(options: RoomOptions) {
    super();
    this.#options = options;
  }

  get self(): SelfInfo {
    return this.#options.self;
  }

  join(): void {
    const { signaling, keys } = this.#options;
    this.#unsubscribe.push(
      signaling.on('publish', (topic, data) => {
        if (topic === keys.topic) this.#onPublish(data);
      }),
      signaling.on('status', (status) => {
        if (status !== 'open') return;
        // Signals sent over the lost connection may never have arrived: attempts still connecting start over.
        for (const peer of this.#peers.values()) this.#restartAttempt(peer.remote);
        this.#announce();
      }),
      signaling.on('topicFull', (topic) => {
        if (topic === keys.topic) this.emit('full');
      }),
    );
    signaling.subscribe(keys.topic);
    this.#announce();
  }

  /** Says goodbye so peers free our seat at once, then closes every link. */
  leave(): void {
    if (this.#left) return;
    this.#publish({ type: 'bye', from: this.self.peerId });
    this.#left = true;
    for (const stop of this.#unsubscribe) stop();
    this.#options.signaling.unsubscribe(this.#options.keys.topic);
    for (const timer of this.#retryTimers.values()) clearTimeout(timer);
    for (const link of [...this.#links.values()]) link.destroy();
    this.#peers.clear();
    this.removeAllListeners();
  }

  #onPublish(data: unknown): void {
    let message: unknown;
    try {
      message = openJson(this.#options.keys.envelopeKey, data, SIGNAL_CONTEXT);
    } catch {
      this.emit('forged');
      return;
    }
    if (!isRoomMessage(message) || message.from === this.self.peerId) return;
    if ('to' in message && message.to !== undefined && message.to !== this.self.peerId) return;
    switch (message.type) {
      case 'announce':
        return this.#onAnnounce(message);
      case 'signal':
        return this.#onSignal(message);
      case 'busy':
        if (this.self.role === 'candidate') {
          this.emit('refused', message.reason ?? 'seat-taken');
          this.leave();
        }
        return;
      case 'bye':
        this.emit('bye', message.from);
        this.#forget(message.from);
        return;
    }
  }

  #onAnnounce(message: AnnounceMessage): void {
    const remote: RemotePeer = { peerId: message.from, role: message.role, device: message.device };
    if (!this.#admits(message)) return;
    const known = this.#peers.get(remote.peerId);
    if (known === undefined) this.#peers.set(remote.peerId, { remote, joinedAt: message.joinedAt, downSince: null });
    if (message.to === undefined) this.#announce(remote.peerId);

    const link = this.#links.get(remote.peerId);
    const theyHaveUs = message.linked.includes(this.self.peerId);
    if (link?.connected && theyHaveUs) return;
    if (link?.connected && !theyHaveUs) link.destroy(); // Their side is gone; ours is stale.
    if (this.#opensLinkTo(remote.peerId)) {
      const current = this.#links.get(remote.peerId);
      const young = current !== undefined && Date.now() - current.createdAt < CONNECT_TIMEOUT_MS;
      // An announce to all means the peer has just (re)joined the topic and missed our signals for an attempt in flight.
      if (message.to === undefined) this.#restartAttempt(remote);
      else if (!young) this.#openLink(remote, randomId(), true);
    }
  }

  /** Role and seat checks: who may link with us at all. */
  #admits(message: AnnounceMessage): boolean {
    const { self } = this;
    const { interviewerSecret } = this.#options;
    if (message.role === 'interviewer' && interviewerSecret !== null) {
      if (message.proof === undefined || !verifyInterviewerProof(interviewerSecret, message.from, message.proof)) return false;
    }
    if (message.role !== 'candidate') return true;
    if (self.role === 'candidate') {
      // Candidates never link with each other; the device that joined first keeps the seat.
      const iJoinedFirst =
        self.joinedAt < message.joinedAt || (self.joinedAt === message.joinedAt && self.device < message.device);
      if (message.device !== self.device && iJoinedFirst) this.#sendBusy(message.from);
      return false;
    }
    const refusal = this.#peers.has(message.from) ? null : (this.#options.admitCandidate?.(message.device, this.#isPinned(message)) ?? null);
    if (refusal !== null) {
      this.#sendBusy(message.from, refusal);
      return false;
    }
    const seated = [...this.#peers.values()].find(
      (p) => p.remote.role === 'candidate' && p.remote.peerId !== message.from,
    );
    if (seated === undefined) return true;
    if (seated.remote.device === message.device || this.#reclaims(message, seated.joinedAt)) {
      // The same device came back (a reload, or a browser reopened after a crash): it takes its own seat back.
      this.#forget(seated.remote.peerId);
      return true;
    }
    this.#sendBusy(message.from);
    return false;
  }

  /**
   * A candidate in a new tab proves with the pinned device key that the seat is
   * its own. Only a later join wins, so two tabs of one browser cannot take the
   * seat from each other in turn.
   */
  #reclaims(message: AnnounceMessage, seatedSince: number): boolean {
    return message.joinedAt > seatedSince && this.#isPinned(message);
  }

  #isPinned({ claim, from, joinedAt }: AnnounceMessage): boolean {
    return claim !== undefined && (this.#options.isPinnedCandidate?.(claim, from, joinedAt) ?? false);
  }

  #onSignal(message: SignalMessage): void {
    const peer = this.#peers.get(message.from);
    if (peer === undefined) return;
    let link = this.#links.get(message.from);
    if (link?.linkId !== message.link) {
      // Only the initiator starts attempts; a stray signal for an old attempt of ours is dropped.
      if (this.#opensLinkTo(message.from)) return;
      link?.destroy();
      link = this.#openLink(peer.remote, message.link, false);
    }
    link.signal(message.signal);
  }

  #opensLinkTo(peerId: PeerId): boolean {
    return this.self.peerId < peerId;
  }

  /** Replaces an attempt we opened that has not connected (or opens one), instead of waiting for its timeout. */
  #restartAttempt(remote: RemotePeer): void {
    const current = this.#links.get(remote.peerId);
    if (!this.#opensLinkTo(remote.peerId) || current?.connected) return;
    current?.destroy();
    this.#openLink(remote, randomId(), true);
  }

  #openLink(remote: RemotePeer, linkId: string, initiator: boolean): PeerLink {
    const { stream, iceServers } = this.#options;
    const link = new PeerLink({ linkId, initiator, remote, stream, iceServers: iceServers() });
    this.#links.set(remote.peerId, link);
    const timeout = setTimeout(() => {
      if (!link.connected) link.destroy();
    }, CONNECT_TIMEOUT_MS);
    link.on('signal', (signal) =>
      this.#publish({ type: 'signal', from: this.self.peerId, to: remote.peerId, link: linkId, signal }),
    );
    link.on('connect', () => {
      clearTimeout(timeout);
      this.#retryAttempts.delete(remote.peerId);
      const peer = this.#peers.get(remote.peerId);
      if (peer) peer.downSince = null;
    });
    link.on('close', () => {
      clearTimeout(timeout);
      if (this.#links.get(remote.peerId) === link) this.#links.delete(remote.peerId);
      this.#scheduleRelink(remote.peerId);
    });
    this.emit('link', link);
    return link;
  }

  /** After an unexpected close: the initiator tries again, the other side asks it to. */
  #scheduleRelink(peerId: PeerId): void {
    const peer = this.#peers.get(peerId);
    if (this.#left || peer === undefined || this.#retryTimers.has(peerId)) return;
    peer.downSince ??= Date.now();
    const attempt = this.#retryAttempts.get(peerId) ?? 0;
    this.#retryAttempts.set(peerId, attempt + 1);
    const timer = setTimeout(() => {
      this.#retryTimers.delete(peerId);
      const current = this.#peers.get(peerId);
      if (this.#left || current === undefined || this.#links.has(peerId)) return;
      if (current.downSince !== null && Date.now() - current.downSince > FORGET_AFTER_MS) {
        this.#forget(peerId);
      } else if (this.#opensLinkTo(peerId)) {
        this.#openLink(current.remote, randomId(), true);
      } else {
        this.#announce(peerId);
        this.#scheduleRelink(peerId);
      }
    }, 1000 + this.#backoff.delay(attempt));
    this.#retryTimers.set(peerId, timer);
  }

  #forget(peerId: PeerId): void {
    if (this.#peers.has(peerId)) this.emit('gone', peerId);
    this.#peers.delete(peerId);
    this.#retryAttempts.delete(peerId);
    clearTimeout(this.#retryTimers.get(peerId));
    this.#retryTimers.delete(peerId);
    this.#links.get(peerId)?.destroy();
  }

  #announce(to?: PeerId): void {
    const { self } = this;
    const linked = [...this.#links.values()].filter((l) => l.connected).map((l) => l.remote.peerId);
    this.#publish({
      type: 'announce',
      from: self.peerId,
      ...(to === undefined ? {} : { to }),
      role: self.role,
      device: self.device,
      joinedAt: self.joinedAt,
      ...(self.proof === undefined ? {} : { proof: self.proof }),
      ...(self.claim === undefined ? {} : { claim: self.claim }),
      linked,
    });
  }

  #sendBusy(to: PeerId, reason: RefusalReason = 'seat-taken'): void {
    this.#publish({ type: 'busy', from: this.self.peerId, to, reason });
  }

  #publish(message: RoomMessage): void {
    if (this.#left) return;
    const { signaling, keys } = this.#options;
    signaling.publish(keys.topic, sealJson(keys.envelopeKey, message, SIGNAL_CONTEXT));
  }
}
