/**
 * The state of one call for the pages: local media, the pairing room and the
 * participants it connects. The bridge between Solid and the net/media
 * modules; components only ever see `state`.
 */
import { onCleanup } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { newDeviceId, newPeerId, type DeviceId, type InterviewDetails, type PeerId, type Role } from '../../core';
import { deriveSignalingKeys, interviewerProof, type InviteSecret } from '../../crypto';
import { MediaError, openCameraAndMicrophone, setTracksEnabled, stopStream, type MediaFailure } from '../../media';
import {
  defaultSignalingUrl,
  Room,
  SignalingClient,
  summarizeStats,
  type LossCounters,
  type PeerLink,
  type Quality,
  type SignalingStatus,
} from '../../net';

export interface Participant {
  peerId: PeerId;
  role: Role;
  connected: boolean;
  stream: MediaStream | null;
  /** What the remote side says about its own microphone and camera. */
  audio: boolean;
  video: boolean;
  quality: Quality;
}

export type CallPhase = 'starting' | 'preview' | 'joined' | 'refused' | 'full' | 'media-failed';

export interface CallState {
  phase: CallPhase;
  mediaError: MediaFailure | null;
  localStream: MediaStream | null;
  muted: boolean;
  cameraOff: boolean;
  signaling: SignalingStatus;
  participants: Participant[];
  /** Ours if we created the interview, else learned from an interviewer's hello. */
  interview: InterviewDetails | null;
  /** Messages on our topic that failed authentication. */
  forgedMessages: number;
}

export interface CallOptions {
  role: Role;
  candidateSecret: InviteSecret;
  interviewerSecret: InviteSecret | null;
  interview: InterviewDetails | null;
}

const QUALITY_EVERY_MS = 2000;
const unknownQuality: Quality = { level: 'unknown', rttMs: null, lossPercent: null };

/** One id per browser tab, kept across reloads: a reload is the same device, a new tab is not. */
function tabDeviceId(): DeviceId {
  const saved = sessionStorage.getItem('candid.device');
  if (saved !== null && /^[A-Za-z0-9_-]{22}$/.test(saved)) return saved as DeviceId;
  const created = newDeviceId();
  sessionStorage.setItem('candid.device', created);
  return created;
}

async function fetchIceServers(): Promise<RTCIceServer[]> {
  try {
    const response = await fetch('/config.json');
    const body: unknown = await response.json();
    const servers = (body as { iceServers?: unknown }).iceServers;
    return Array.isArray(servers) ? (servers as RTCIceServer[]) : [];
  } catch {
    // Without the server's list we still connect on the local network; calls across NATs need STUN.
    return [];
  }
}

export function createCallStore(options: CallOptions) {
  const [state, setState] = createStore<CallState>({
    phase: 'starting',
    mediaError: null,
    localStream: null,
    muted: false,
    cameraOff: false,
    signaling: 'closed',
    participants: [],
    interview: options.interview,
    forgedMessages: 0,
  });
  const peerId = newPeerId();
  const links = new Map<PeerId, PeerLink>();
  const lossCounters = new Map<PeerLink, LossCounters>();
  let signaling: SignalingClient | null = null;
  let room: Room | null = null;
  let qualityTimer: ReturnType<typeof setInterval> | undefined;

  const updateParticipant = (id: PeerId, change: (p: Participant) => void) =>
    setState('participants', (p) => p.peerId === id, produce(change));

  /** Opens camera and microphone for the preview; `thenJoin` goes straight into the room. */
  async function startCamera(thenJoin = false): Promise<void> {
    setState({ phase: "starting", mediaError: null });
    try {
      const stream = await openCameraAndMicrophone();
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

  function watchLink(link: PeerLink): void {
    const { peerId: remoteId, role } = link.remote;
    links.set(remoteId, link);
    setState(
      'participants',
      produce((list) => {
        const index = list.findIndex((p) => p.peerId === remoteId);
        const fresh: Participant = { peerId: remoteId, role, connected: false, stream: null, audio: true, video: true, quality: unknownQuality };
        if (index === -1) list.push(fresh);
        else list[index] = fresh;
      }),
    );
    link.on('connect', () => {
      updateParticipant(remoteId, (p) => (p.connected = true));
      link.send({ type: 'hello', role: options.role, ...(options.interview ? { interview: options.interview } : {}) });
      link.send(mediaState());
    });
    link.on('stream', (stream) => updateParticipant(remoteId, (p) => (p.stream = stream)));
    link.on('message', (message) => {
      if (message.type === 'media-state') {
        updateParticipant(remoteId, (p) => {
          p.audio = message.audio;
          p.video = message.video;
        });
      } else if (message.interview !== undefined && role === 'interviewer' && state.interview === null) {
        setState('interview', message.interview);
      }
    });
    link.on('close', () => {
      lossCounters.delete(link);
      if (links.get(remoteId) !== link) return;
      links.delete(remoteId);
      setState('participants', (list) => list.filter((p) => p.peerId !== remoteId));
    });
  }

  async function sampleQuality(): Promise<void> {
    for (const link of links.values()) {
      if (!link.connected) continue;
      const report = await link.stats();
      if (report === null) continue;
      const { quality, counters } = summarizeStats(report.values() as Iterable<Record<string, unknown>>, lossCounters.get(link) ?? null);
      lossCounters.set(link, counters);
      updateParticipant(link.remote.peerId, (p) => (p.quality = quality));
    }
  }

  async function join(): Promise<void> {
    if (room !== null) return;
    const iceServers = await fetchIceServers();
    signaling = new SignalingClient(defaultSignalingUrl(location));
    signaling.on('status', (status) => setState('signaling', status));
    const { interviewerSecret } = options;
    room = new Room({
      signaling,
      keys: deriveSignalingKeys(options.candidateSecret),
      self: {
        peerId,
        role: options.role,
        device: tabDeviceId(),
        joinedAt: Date.now(),
        ...(interviewerSecret ? { proof: interviewerProof(interviewerSecret, peerId) } : {}),
      },
      interviewerSecret,
      stream: state.localStream,
      iceServers,
    });
    room.on('link', watchLink);
    room.on('refused', () => {
      setState('phase', 'refused');
      stopStream(state.localStream);
    });
    room.on('full', () => setState('phase', 'full'));
    room.on('forged', () => setState('forgedMessages', (n) => n + 1));
    room.join();
    setState('phase', 'joined');
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

  function leave(): void {
    clearInterval(qualityTimer);
    room?.leave();
    room = null;
    signaling?.close();
    signaling = null;
    stopStream(state.localStream);
  }

  // A closing tab says goodbye so the other side frees the seat at once.
  const onPageHide = () => room?.leave();
  window.addEventListener('pagehide', onPageHide);
  onCleanup(() => {
    window.removeEventListener('pagehide', onPageHide);
    leave();
  });

  return { state, startCamera, join, toggleMute, toggleCamera, leave };
}

export type CallStore = ReturnType<typeof createCallStore>;
