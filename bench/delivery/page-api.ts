/**
 * What the bench page puts on `window` for the runner, and what it sends
 * back. Types only: the page (browser) and the runner (Node) share them.
 * Times are epoch milliseconds on the page's clock (`performance.timeOrigin
 * + performance.now()`), comparable with the runner's on one machine.
 */
import type { DeliverySignal } from '../../src/delivery';

export interface FillResult {
  slices: number;
  /** Recording bytes sealed into the vault (before sealing). */
  bytes: number;
  seconds: number;
  /** The recorder's Ed25519 public key (base64url), which the interviewer page checks offers against. */
  recorderKey: string;
}

/** One slice the interviewer's vault accepted (checked and stored), on one connection. */
export interface StoredSlice {
  seq: number;
  bytes: number;
  /** When the store began: the slice's last byte had arrived and earlier stores were done. */
  startedAt: number;
  /** When it was durable in the vault. */
  at: number;
  connection: number;
}

/** A window boundary as seen by the interviewer: the link idles from the last byte of one window to the first of the next. */
export interface WindowGap {
  /** The last binary frame before the `want`. */
  lastByteAt: number;
  wantAt: number;
  /** The first binary frame after it. */
  nextByteAt: number;
}

/** Slices the interviewer holds, checked and stored, and how many were offered. */
export interface ReceiverProgress {
  held: number;
  offered: number;
  complete: boolean;
}

/** When each step of a connection happened on the interviewer's side, to break a resume down. */
export interface Milestones {
  connection: number;
  /** `answer` was called. */
  answeredAt: number;
  channelOpenAt: number | null;
  /** The recorder's signed offer arrived (its answer to our `ready`). */
  offerAt: number | null;
  firstWantAt: number | null;
  firstByteAt: number | null;
}

export interface ReceiverReport extends ReceiverProgress {
  stored: StoredSlice[];
  gaps: WindowGap[];
  milestones: Milestones[];
  problems: string[];
}

/** The recorder's cost of reading each slice back from its vault (IndexedDB get, open, SHA-256), in ms. */
export interface SenderReport {
  sentSlices: number;
  readMs: number[];
  failures: string[];
}

export interface ConnectionState {
  /** Counts connections made by this page, from 1. */
  id: number;
  connection: RTCPeerConnectionState | 'none';
  ice: RTCIceConnectionState | 'none';
  channel: RTCDataChannelState | 'none';
  /** The selected candidate pair's addresses, once known. */
  pair: string | null;
}

/** What one connection has sent, from WebRTC's statistics: the channel's messages, and the UDP payload (DTLS, SCTP) carrying them. */
export interface Traffic {
  channelBytes: number;
  transportBytes: number;
  packets: number;
}

/** `window.deliveryBench`: one page module for both roles; each call says which side it belongs to. */
export interface DeliveryBench {
  /** Candidate: a vault holding one stopped track of about `totalBytes`, in `sliceBytes` slices sealed by the real TrackWriter. */
  fill(totalBytes: number, sliceBytes: number): Promise<FillResult>;
  /** Interviewer: an empty vault, and the recorder key offers must be signed with. */
  prepare(recorderKey: string): Promise<void>;
  /**
   * Both: delivery's connections as the app makes them (closing any earlier
   * ones): the candidate offers two (one sends, one is spare) with a
   * DeliverySender on each; the interviewer answers each and receives on it.
   */
  start(role: 'candidate' | 'interviewer'): void;
  /** Both: a signal from the other page (an offer or an answer). */
  signal(message: DeliverySignal): Promise<void>;
  /** Both: signals for the other page since the last call; the runner relays them as the app's call channel would. */
  signals(): DeliverySignal[];
  /** Both: closes delivery's connections (and the senders or receivers on them). */
  hangUp(): void;
  state(): Promise<ConnectionState>;
  /** Both: the traffic so far of the connection in use (the candidate's sending one, the interviewer's newest; zeros without one). */
  traffic(): Promise<Traffic>;
  /** Interviewer: cheap enough to poll. */
  progress(): ReceiverProgress;
  receiver(): ReceiverReport;
  sender(): SenderReport;
}

export const BENCH_GLOBAL = 'deliveryBench';
