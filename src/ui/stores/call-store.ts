/**
 * The state of one call for the pages: local media, the pairing room, the
 * participants it connects, and the recordings kept in the vault. The bridge
 * between Solid and the net/media/vault modules; components only see `state`.
 */
import { onCleanup } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import {
  extendGap,
  newDeviceId,
  newPeerId,
  type ConnectionGap,
  type DeviceId,
  type GapCause,
  type InterviewDetails,
  type InterviewId,
  type InterviewSetup,
  type PeerId,
  type RestoredBy,
  type Role,
} from '../../core';
import {
  deriveSignalingKeys,
  fromBase64Url,
  interviewerProof,
  keyFingerprint,
  type InviteSecret,
  type SigningKeyPair,
} from '../../crypto';
import {
  MediaError,
  openCameraAndMicrophone,
  RecordingSession,
  setTracksEnabled,
  stopStream,
  type MediaFailure,
  type RecorderStopReason,
} from '../../media';
import {
  defaultSignalingUrl,
  Room,
  SignalingClient,
  signIdentity,
  signSeatClaim,
  summarizeStats,
  verifyIdentity,
  verifySeatClaim,
  type ChannelMessage,
  type HelloMessage,
  type LinkCloseCause,
  type LossCounters,
  type PeerLink,
  type Quality,
  type RefusalReason,
  type SessionMessage,
  type SignalingStatus,
} from '../../net';
import type { DeliveryProgress } from '../../delivery';
import { deviceIdentity } from '../../vault';
import { createCallDelivery } from './call-delivery';
import { fetchIceServers } from './ice-servers';
import { inviteTokens } from './invites';
import type { VaultStore } from './vault-store';

export interface Participant {
  peerId: PeerId;
  role: Role;
  connected: boolean;
  stream: MediaStream | null;
  /** What the remote side says about its own microphone and camera. */
  audio: boolean;
  video: boolean;
  quality: Quality;
  /** Since when the link to them has been down (silent, or closed and being re-opened); null while it works. */
  downSince: number | null;
}

export type CallPhase = 'starting' | 'preview' | 'joined' | 'refused' | 'full' | 'media-failed';

/** The candidate presented a device key other than the one pinned for this interview, or none that verifies. */
export type IdentityWarning = { kind: 'changed'; pinned: string; presented: string } | { kind: 'unverified' };

export interface RecordingState {
  active: boolean;
  slices: number;
  /** Why a track stopped by itself (storage full, failure); null while all is well. */
  problem: RecorderStopReason | null;
}

export interface CallState {
  phase: CallPhase;
  mediaError: MediaFailure | null;
  localStream: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
  signaling: SignalingStatus;
  participants: Participant[];
  /** From the vault, or learned from an interviewer's hello. */
  interview: InterviewDetails | null;
  /** Messages on our topic that failed authentication. */
  forgedMessages: number;
  recording: RecordingState;
  identityWarning: IdentityWarning | null;
  /** Why this candidate device was turned away, when phase is 'refused'. */
  refusal: RefusalReason | null;
  /** The candidate's own recording on its way to the interviewer: sent (candidate) or received (interviewer). */
  delivery: DeliveryProgress | null;
  /** Joined without camera or microphone, only to deliver (or receive) the rest of the candidate's recording. */
  deliveryOnly: boolean;
}

/** How the interview flow plugs into the call: what it may allow, and what it hears. */
export interface CallHooks {
  /** Whether recording may start (the candidate's consent); asked when the call connects. */
  recordingAllowed?: () => boolean;
  /** Interviewers: whether the schedule lets a new candidate device in now; `pinned`: it proved the interview's candidate key. */
  admitCandidate?: (device: DeviceId, pinned: boolean) => RefusalReason | null;
  onConnected?: (link: PeerLink) => void;
  onSessionMessage?: (link: PeerLink, message: SessionMessage) => void;
  /** A link ended: how, and the last quality measured on it. */
  onClosed?: (link: PeerLink, cause: LinkCloseCause | 'bye', lastQuality: Quality) => void;
  /** Media flows again to a participant after a gap (on a new link, or the same one after silence). */
  onRestored?: (link: PeerLink, gap: ConnectionGap, by: RestoredBy) => void;
}

export interface CallOptions {
  vault: VaultStore;
  role: Role;
  interviewId: InterviewId;
  candidateSecret: InviteSecret;
  interviewerSecret: InviteSecret | null;
  /** The creator's plan for the interview, kept in the record; null for co-interviewers and candidates. */
  setup?: InterviewSetup | null;
  hooks?: CallHooks;
}

const QUALITY_EVERY_MS = 2000;
const unknownQuality: Quality = { level: 'unknown', rttMs: null, lossPercent: null, bitrateKbps: null };

/** One id per browser tab, kept across reloads: a reload is the same device, a new tab is not. */
function tabDeviceId(): DeviceId {
  const saved = sessionStorage.getItem('candid.device');
  if (saved !== null && /^[A-Za-z0-9_-]{22}$/.test(saved)) return saved as DeviceId;
  const created = newDeviceId();
  sessionStorage.setItem('candid.device', created);
  return created;
}

function fingerprintOf(publicKey: string): string {
  const bytes = fromBase64Url(publicKey);
  return bytes === null ? publicKey : keyFingerprint(bytes);
}

export function createCallStore(options: CallOptions) {
  const { vault, role, interviewId } = options;
  const [state, setState] = createStore<CallState>({
    phase: 'starting',
    mediaError: null,
    localStream: null,
    muted: false,
    cameraOff: false,
    signaling: 'closed',
    participants: [],
    interview: null,
    forgedMessages: 0,
    recording: { active: false, slices: 0, problem: null },
    identityWarning: null,
    refusal: null,
    delivery: null,
    deliveryOnly: false,
  });
  const hooks = options.hooks ?? {};
  const byes = new Set<PeerId>();
  const peerId = newPeerId();
  const links = new Map<PeerId, PeerLink>();
  const lossCounters = new Map<PeerLink, LossCounters>();
  /** Links down, by peer, until media flows again; a peer that comes back after the room forgot it still closes its gap. */
  const gaps = new Map<PeerId, ConnectionGap>();
  /** Peers whose connection restarted ICE during the current gap. */
  const iceRestarted = new Set<PeerId>();
  let signaling: SignalingClient | null = null;
  let room: Room | null = null;
  let recording: RecordingSession | null = null;
  let identity: SigningKeyPair | null = null;
  /** Interviewers: the candidate device key pinned at first contact (base64url). */
  let pinnedCandidateKey: string | null = null;
  const delivery = createCallDelivery({
    vault,
    role,
    interviewId,
    interviewerSecret: options.interviewerSecret,
    onProgress: (progress) => setState('delivery', progress),
  });
  /** From the server; null until it answers (a page loaded offline). */
  let iceServers: RTCIceServer[] | null = null;
  let qualityTimer: ReturnType<typeof setInterval> | undefined;
  let releaseVault: (() => void) | null = null;
  /** Set when the page goes away: slow awaits (camera, vault) must not start a call after that. */
  let disposed = false;

  const updateParticipant = (id: PeerId, change: (p: Participant) => void) =>
    setState('participants', (p) => p.peerId === id, produce(change));
  const removeParticipant = (id: PeerId) => setState('participants', (list) => list.filter((p) => p.peerId !== id));

  function linkDown(remoteId: PeerId, cause: GapCause): void {
    const gap = extendGap(gaps.get(remoteId) ?? null, Date.now(), cause);
    gaps.set(remoteId, gap);
    updateParticipant(remoteId, (p) => (p.downSince = gap.since));
  }

  /** Media flows again, on a new connection or on one that survived the gap. */
  function linkUp(link: PeerLink, newConnection: boolean): void {
    const remoteId = link.remote.peerId;
    const gap = gaps.get(remoteId);
    if (gap === undefined) return;
    gaps.delete(remoteId);
    const restarted = iceRestarted.delete(remoteId);
    const by: RestoredBy = newConnection ? 'new-connection' : restarted ? 'ice-restart' : 'same-connection';
    updateParticipant(remoteId, (p) => (p.downSince = null));
    hooks.onRestored?.(link, gap, by);
  }

  /** Opens camera and microphone for the preview; `thenJoin` goes straight into the room. */
  async function startCamera(thenJoin = false): Promise<void> {
    setState({ phase: 'starting', mediaError: null });
    try {
      const stream = await openCameraAndMicrophone();
      if (disposed) return stopStream(stream);
      setState({ localStream: stream, phase: 'preview' });
    } catch (error) {
      setState({ phase: 'media-failed', mediaError: error instanceof MediaError ? error.reason : 'unknown' });
      return;
    }
    if (thenJoin) await join();
  }

  function mediaState() {
    return { type: 'media-state', audio: !state.muted, video: !state.cameraOff } as const;
  }

  function hello(link: PeerLink): HelloMessage {
    return {
      type: 'hello',
      role,
      ...(state.interview && role === 'interviewer' ? { interview: state.interview } : {}),
      ...(identity ? { identity: signIdentity(identity, interviewId, peerId, link.remote.peerId) } : {}),
      ...delivery.helloFields(),
    };
  }

  /** Interviewer side: pin the candidate's device key on first contact, warn when it changes. */
  async function checkCandidateIdentity(link: PeerLink, message: HelloMessage): Promise<void> {
    const presented = message.identity && verifyIdentity(message.identity, interviewId, link.remote.peerId, peerId);
    if (!presented) {
      setState('identityWarning', { kind: 'unverified' });
      return;
    }
    const record = await vault.interviews.update(interviewId, (r) => (r.candidateKey === null ? { ...r, candidateKey: presented } : r));
    pinnedCandidateKey = record.candidateKey;
    if (record.candidateKey !== presented) {
      setState('identityWarning', { kind: 'changed', pinned: fingerprintOf(record.candidateKey ?? ''), presented: fingerprintOf(presented) });
      return;
    }
    delivery.receive(link, presented);
  }

  async function learnDetails(details: InterviewDetails): Promise<void> {
    if (state.interview !== null) return;
    setState('interview', details);
    await vault.interviews.update(interviewId, (r) => ({ ...r, details }));
  }

  /** Starts our own track (and the received candidate's) once allowed; harmless to call again. */
  function startRecording(): void {
    if (recording === null || state.localStream === null || hooks.recordingAllowed?.() === false) return;
    void recording.record(state.localStream, 'self', role);
    if (role === 'interviewer') {
      for (const participant of state.participants) {
        if (participant.role === 'candidate' && participant.stream) void recording.record(participant.stream, 'remote', 'candidate');
      }
    }
    setState('recording', 'active', true);
  }

  /** Ends every track cleanly (the interview ended); the call itself may go on. */
  async function stopRecording(): Promise<void> {
    await recording?.stop();
    setState('recording', 'active', false);
  }

  function watchLink(link: PeerLink): void {
    const { peerId: remoteId, role: remoteRole } = link.remote;
    links.set(remoteId, link);
    setState(
      'participants',
      produce((list) => {
        const fresh: Participant = { peerId: remoteId, role: remoteRole, connected: false, stream: null, audio: true, video: true, quality: unknownQuality, downSince: gaps.get(remoteId)?.since ?? null };
        const index = list.findIndex((p) => p.peerId === remoteId);
        if (index === -1) list.push(fresh);
        else list[index] = fresh;
      }),
    );
    link.on('connect', () => {
      updateParticipant(remoteId, (p) => (p.connected = true));
      linkUp(link, true);
      delivery.open(link, () => iceServers ?? []);
      link.send(hello(link));
      link.send(mediaState());
      startRecording();
      hooks.onConnected?.(link);
    });
    link.on('stream', (stream) => {
      updateParticipant(remoteId, (p) => (p.stream = stream));
      // The interviewer keeps a copy of the candidate as received, in case the candidate's own is lost.
      if (role === 'interviewer' && remoteRole === 'candidate' && state.recording.active) void recording?.record(stream, 'remote', 'candidate');
    });
    link.on('message', (message) => onMessage(link, message));
    link.on('iceRestart', () => {
      iceRestarted.add(remoteId);
      linkDown(remoteId, 'silence');
    });
    link.on('close', (cause) => {
      lossCounters.delete(link);
      const last = state.participants.find((p) => p.peerId === remoteId)?.quality ?? unknownQuality;
      hooks.onClosed?.(link, byes.has(remoteId) ? 'bye' : cause, last);
      if (links.get(remoteId) !== link) return;
      links.delete(remoteId);
      // Someone we were talking to stays on screen as reconnecting while the room re-opens the link.
      if (byes.has(remoteId) || !(link.connected || gaps.has(remoteId))) return removeParticipant(remoteId);
      linkDown(remoteId, cause);
      updateParticipant(remoteId, (p) => {
        p.connected = false;
        p.stream = null;
      });
    });
  }

  function onMessage(link: PeerLink, message: ChannelMessage): void {
    const { peerId: remoteId, role: remoteRole } = link.remote;
    switch (message.type) {
      case 'media-state':
        updateParticipant(remoteId, (p) => {
          p.audio = message.audio;
          p.video = message.video;
        });
        return;
      case 'delivery-signal':
        return delivery.signal(link, message);
      case 'hello':
        if (remoteRole === 'interviewer' && message.deliveryKey !== undefined) void delivery.learnDeliveryKey(message.deliveryKey);
        if (remoteRole === 'interviewer' && message.interview !== undefined) void learnDetails(message.interview);
        else if (remoteRole === 'candidate' && role === 'interviewer') void checkCandidateIdentity(link, message);
        return;
      default:
        hooks.onSessionMessage?.(link, message);
    }
  }

  async function sampleQuality(): Promise<void> {
    for (const link of links.values()) {
      if (!link.connected) continue;
      const report = await link.stats();
      if (report === null || links.get(link.remote.peerId) !== link) continue;
      const { quality, counters } = summarizeStats(report.values() as Iterable<Record<string, unknown>>, lossCounters.get(link) ?? null);
      lossCounters.set(link, counters);
      updateParticipant(link.remote.peerId, (p) => (p.quality = quality));
      // Nothing at all for a whole sample, on a connection still open: the network went quiet (a call without media is always quiet).
      if (quality.bitrateKbps === 0 && !state.deliveryOnly) linkDown(link.remote.peerId, 'silence');
      else if (quality.bitrateKbps !== null) linkUp(link, false);
    }
  }

  async function openVaultSide(): Promise<void> {
    releaseVault = vault.holdOpen();
    const record = await vault.interviews.ensure({
      id: interviewId,
      role,
      createdAt: Date.now(),
      details: null,
      ...inviteTokens(options.candidateSecret, options.interviewerSecret),
      candidateKey: null,
      setup: options.setup ?? null,
    });
    setState('interview', record.details);
    pinnedCandidateKey = record.candidateKey;
    const dataKey = await vault.interviews.dataKey(interviewId);
    const session = new RecordingSession({ db: vault.db, dataKey, interviewId });
    recording = session;
    if (role === 'candidate') identity = await deviceIdentity(vault.db, vault.keyring);
    // Our own track's slices are seconds of our recording; the received copy runs alongside.
    session.on('progress', (kind, slices) => {
      if (kind === 'self') setState('recording', 'slices', slices);
    });
    session.on('trackStopped', (_kind, reason) => {
      if (reason !== 'stopped') setState('recording', { active: session.activeTracks !== 0, problem: reason });
    });
    await delivery.start(session, dataKey, identity);
  }

  /**
   * Enters the room. Without `media` (an interview that is over) camera and
   * microphone stay off, nothing is recorded, and the link carries only the
   * rest of the candidate's recording.
   */
  async function join({ media = true } = {}): Promise<void> {
    if (room !== null || disposed) return;
    if (!media) {
      stopStream(state.localStream);
      setState({ localStream: null, deliveryOnly: true });
    }
    [iceServers] = await Promise.all([fetchIceServers(), openVaultSide()]);
    if (disposed) return leave();
    signaling = new SignalingClient(defaultSignalingUrl(location));
    signaling.on('status', (status) => {
      setState('signaling', status);
      // Joined offline: without the list we still connect on a local network; calls across NATs need it.
      if (status === 'open' && iceServers === null) void fetchIceServers().then((servers) => (iceServers ??= servers));
    });
    const { interviewerSecret } = options;
    const joinedAt = Date.now();
    room = new Room({
      signaling,
      keys: deriveSignalingKeys(options.candidateSecret),
      self: {
        peerId,
        role,
        device: tabDeviceId(),
        joinedAt,
        ...(interviewerSecret ? { proof: interviewerProof(interviewerSecret, peerId) } : {}),
        ...(identity ? { claim: signSeatClaim(identity, interviewId, peerId, joinedAt) } : {}),
      },
      isPinnedCandidate: (claim, from, claimedAt) => pinnedCandidateKey !== null && verifySeatClaim(claim, interviewId, from, claimedAt) === pinnedCandidateKey,
      interviewerSecret,
      stream: state.localStream,
      iceServers: () => iceServers ?? [],
      ...(hooks.admitCandidate ? { admitCandidate: hooks.admitCandidate } : {}),
    });
    room.on('link', watchLink);
    room.on('refused', (reason) => {
      setState({ phase: 'refused', refusal: reason });
      void leave();
    });
    room.on('bye', (peer) => {
      byes.add(peer);
      gaps.delete(peer);
    });
    // A peer the room stopped retrying leaves the screen; its gap stays open in case it comes back.
    room.on('gone', removeParticipant);
    room.on('full', () => setState('phase', 'full'));
    room.on('forged', () => setState('forgedMessages', (n) => n + 1));
    room.join();
    setState('phase', 'joined');
    // A consent that still stands (after a reload) records from here, reachable or not.
    startRecording();
    qualityTimer = setInterval(() => void sampleQuality(), QUALITY_EVERY_MS);
  }

  function toggleMute(): void {
    setState('muted', (muted) => !muted);
    if (state.localStream) setTracksEnabled(state.localStream, 'audio', !state.muted);
    for (const link of links.values()) link.send(mediaState());
  }

  function toggleCamera(): void {
    setState('cameraOff', (off) => !off);
    if (state.localStream) setTracksEnabled(state.localStream, 'video', !state.cameraOff);
    for (const link of links.values()) link.send(mediaState());
  }

  /** Ends our part: recordings are closed (every slice stored) before the camera stops. */
  async function leave(): Promise<void> {
    clearInterval(qualityTimer);
    room?.leave();
    room = null;
    signaling?.close();
    signaling = null;
    await recording?.stop();
    setState('recording', 'active', false);
    stopStream(state.localStream);
    releaseVault?.();
    releaseVault = null;
  }

  // A closing tab says goodbye so the other side frees the seat at once.
  const onPageHide = () => room?.leave();
  window.addEventListener('pagehide', onPageHide);
  onCleanup(() => {
    disposed = true;
    window.removeEventListener('pagehide', onPageHide);
    void leave();
  });

  /** Sends to one peer, if linked. */
  function sendTo(peerId: PeerId, message: ChannelMessage): void {
    links.get(peerId)?.send(message);
  }

  /** Sends to every connected peer of a role. */
  function broadcast(to: Role, message: ChannelMessage): void {
    for (const link of links.values()) if (link.remote.role === to) link.send(message);
  }

  return { state, startCamera, join, toggleMute, toggleCamera, leave, startRecording, stopRecording, sendTo, broadcast, peerId, exportDeliveryFile: delivery.exportFile };
}

export type CallStore = ReturnType<typeof createCallStore>;
