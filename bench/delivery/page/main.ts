/**
 * The bench page, for either side. The candidate's page holds a vault with
 * one long stopped track sealed by the real TrackWriter and sends it with the
 * real DeliverySender; the interviewer's page receives it with the real
 * DeliveryReceiver into a vault of its own, which checks every slice against
 * its hash and chain, seals it and stores it durably. The vault has no
 * passphrase: TrackWriter and delivery need only an interview's data key, so
 * a random one stands in and the Argon2id derivation is skipped. The runner
 * drives the page through `window.deliveryBench`.
 */
import type { InterviewId } from '../../../src/core';
import { fromBase64Url, KEY_LENGTH, newSigningKeyPair, randomBytes, toBase64Url, type SigningKeyPair } from '../../../src/crypto';
import {
  DeliveryReceiver,
  DeliverySender,
  ReceivingConnections,
  SendingConnections,
  signOffer,
  vaultSource,
  vaultTarget,
  type DeliveryConnection,
  type DeliveryProgress,
  type DeliverySignal,
} from '../../../src/delivery';
import { CandidDb, DeliveryLedger, TrackWriter } from '../../../src/vault';
import { BENCH_GLOBAL, type DeliveryBench, type FillResult, type Milestones, type ReceiverReport, type SenderReport, type StoredSlice, type WindowGap } from '../page-api';
import { describe, traffic } from './connection';
import { measuredTarget, now, timedSource, watchedWire } from './measure';

const INTERVIEW = 'YmVuY2gtZGVsaXZlcnk' as InterviewId;
const STARTED_AT = Date.UTC(2026, 10, 23, 9);
/** crypto.getRandomValues fills at most this much per call. */
const RANDOM_CHUNK = 65_536;

interface Vault {
  db: CandidDb;
  dataKey: Uint8Array;
}

let vault: Vault | null = null;
let identity: SigningKeyPair | null = null;
let recorderKey: Uint8Array | null = null;
/** Delivery's connections on this page: sending (candidate) or receiving (interviewer). */
let connections: SendingConnections | ReceivingConnections | null = null;
/** Signals for the other page, which the runner relays (the app sends them over the call's channel). */
const outbox: DeliverySignal[] = [];
/** Numbers the connections this page has seen, for the report. */
const numbers = new WeakMap<DeliveryConnection, number>();
let numbered = 0;

const stored: StoredSlice[] = [];
const gaps: WindowGap[] = [];
const milestones: Milestones[] = [];
const problems: string[] = [];
let progress: DeliveryProgress = { total: 0, delivered: 0, complete: false };
const readMs: number[] = [];
const failures: string[] = [];
const senders: DeliverySender[] = [];

function openVault(name: string): Vault {
  return { db: new CandidDb(name), dataKey: randomBytes(KEY_LENGTH) };
}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} first`);
  return value;
}

function fillRandom(bytes: Uint8Array): void {
  for (let offset = 0; offset < bytes.byteLength; offset += RANDOM_CHUNK) crypto.getRandomValues(bytes.subarray(offset, offset + RANDOM_CHUNK));
}

async function fill(totalBytes: number, sliceBytes: number): Promise<FillResult> {
  if (vault !== null) throw new Error('the vault is already filled');
  vault = openVault('candid-bench-delivery-candidate');
  identity = newSigningKeyPair();
  const writer = await TrackWriter.begin(vault.db, vault.dataKey, INTERVIEW, {
    kind: 'self',
    subject: 'candidate',
    mimeType: 'video/webm;codecs=vp8,opus',
    startedAt: STARTED_AT,
    stoppedAt: null,
    stopReason: null,
  });
  const started = performance.now();
  const buffer = new Uint8Array(sliceBytes);
  let bytes = 0;
  while (bytes < totalBytes) {
    const slice = buffer.subarray(0, Math.min(sliceBytes, totalBytes - bytes));
    fillRandom(slice);
    await writer.append(slice, STARTED_AT + writer.slices * 1000);
    bytes += slice.byteLength;
  }
  await writer.finish('stopped', STARTED_AT + writer.slices * 1000);
  return { slices: writer.slices, bytes, seconds: (performance.now() - started) / 1000, recorderKey: toBase64Url(identity.publicKey) };
}

function hangUp(): void {
  connections?.close();
  connections = null;
  outbox.length = 0;
}

/** Candidate: delivery's connections (closing any earlier ones), a sender on each; their offers go to the outbox. */
function startSending(): void {
  const { db, dataKey } = need(vault, 'fill the vault');
  const signer = need(identity, 'fill the vault');
  hangUp();
  connections = new SendingConnections({
    iceServers: () => [],
    signal: (message) => outbox.push(message),
    sender: (wire, standby) => {
      const sender = new DeliverySender(
        wire,
        timedSource(vaultSource(db, dataKey, INTERVIEW, () => false), readMs),
        new DeliveryLedger(db, dataKey, INTERVIEW),
        (unsigned) => signOffer(signer, INTERVIEW, unsigned),
        { standby },
      );
      sender.on('failed', (error) => failures.push(String(error)));
      senders.push(sender);
      return sender;
    },
  });
}

async function prepare(key: string): Promise<void> {
  if (vault !== null) throw new Error('already prepared');
  recorderKey = fromBase64Url(key);
  if (recorderKey === null) throw new Error('the recorder key is not base64url');
  vault = openVault('candid-bench-delivery-interviewer');
  await vault.db.open();
}

/** Interviewer: answers each connection the candidate offers (answers go to the outbox) and receives on it. */
function startReceiving(): void {
  const { db, dataKey } = need(vault, 'prepare');
  const key = need(recorderKey, 'prepare');
  hangUp();
  const receiving = new ReceivingConnections({
    iceServers: () => [],
    signal: (message) => outbox.push(message),
    receiver: (wire, checkedKey, id) => {
      // Numbers start from 1 again after a hang-up: the latest with this number is this connection's.
      const steps = milestones.findLast((m) => m.connection === id);
      const receiver = new DeliveryReceiver(
        steps === undefined ? wire : watchedWire(wire, gaps, steps),
        measuredTarget(vaultTarget(db, dataKey, INTERVIEW), id, stored),
        checkedKey,
        INTERVIEW,
      );
      receiver.on('progress', (next) => (progress = next));
      receiver.on('problem', (problem) => problems.push(problem));
      return receiver;
    },
  });
  receiving.receive(key);
  connections = receiving;
}

/** The other page's signal, relayed by the runner. */
async function signal(message: DeliverySignal): Promise<void> {
  if (connections instanceof SendingConnections) return connections.answered(message);
  if (connections instanceof ReceivingConnections) {
    milestones.push({ connection: message.id, answeredAt: now(), channelOpenAt: null, offerAt: null, firstWantAt: null, firstByteAt: null });
    await connections.offered(message);
  }
}

function numberOf(connection: DeliveryConnection | null): number {
  if (connection === null) return 0;
  if (!numbers.has(connection)) numbers.set(connection, ++numbered);
  return numbers.get(connection) ?? 0;
}

function receiver(): ReceiverReport {
  return { held: progress.delivered, offered: progress.total, complete: progress.complete, stored: [...stored], gaps: [...gaps], milestones: [...milestones], problems: [...problems] };
}

function sender(): SenderReport {
  return { sentSlices: senders.reduce((sum, one) => sum + one.sentSlices, 0), readMs: [...readMs], failures: [...failures] };
}

const bench: DeliveryBench = {
  fill,
  prepare,
  start: (role) => (role === 'candidate' ? startSending() : startReceiving()),
  signal,
  signals: () => outbox.splice(0),
  hangUp,
  state: () => describe(connections?.connection ?? null, numberOf(connections?.connection ?? null)),
  traffic: () => traffic(connections?.connection ?? null),
  progress: () => ({ held: progress.delivered, offered: progress.total, complete: progress.complete }),
  receiver,
  sender,
};
Object.assign(window, { [BENCH_GLOBAL]: bench });
const status = document.getElementById('status');
if (status) status.textContent = 'ready';
