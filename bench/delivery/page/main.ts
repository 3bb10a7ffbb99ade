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
import { DeliveryReceiver, DeliverySender, signOffer, vaultSource, vaultTarget, type DeliveryProgress } from '../../../src/delivery';
import { CandidDb, DeliveryLedger, TrackWriter } from '../../../src/vault';
import { BENCH_GLOBAL, type DeliveryBench, type FillResult, type Milestones, type ReceiverReport, type SenderReport, type StoredSlice, type WindowGap } from '../page-api';
import { completeDescription, describe, newConnection, traffic, type BenchConnection } from './connection';
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
let connections = 0;
let current: (BenchConnection & { stop(): void }) | null = null;

const stored: StoredSlice[] = [];
const gaps: WindowGap[] = [];
const milestones: Milestones[] = [];
const problems: string[] = [];
let progress: DeliveryProgress = { total: 0, delivered: 0, complete: false };
const readMs: number[] = [];
const failures: string[] = [];
let sentBefore = 0;
let sending: DeliverySender | null = null;

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
  current?.stop();
  current?.pc.close();
  current = null;
}

async function offer(): Promise<string> {
  const { db, dataKey } = need(vault, 'fill the vault');
  const signer = need(identity, 'fill the vault');
  hangUp();
  const connection = newConnection(++connections);
  // Made before the channel opens, so the receiver's `ready` finds it listening.
  const sender = new DeliverySender(
    connection.wire,
    timedSource(
      vaultSource(db, dataKey, INTERVIEW, () => false),
      readMs,
    ),
    new DeliveryLedger(db, dataKey, INTERVIEW),
    (unsigned) => signOffer(signer, INTERVIEW, unsigned),
  );
  sender.on('failed', (error) => failures.push(String(error)));
  sending = sender;
  const stop = () => {
    if (sending !== sender) return;
    sentBefore += sender.sentSlices;
    sending = null;
    sender.close();
  };
  connection.wire.onClose(stop);
  current = { ...connection, stop };
  return completeDescription(connection.pc);
}

async function accept(answer: string): Promise<void> {
  await need(current, 'make an offer').pc.setRemoteDescription({ type: 'answer', sdp: answer });
}

async function prepare(key: string): Promise<void> {
  if (vault !== null) throw new Error('already prepared');
  recorderKey = fromBase64Url(key);
  if (recorderKey === null) throw new Error('the recorder key is not base64url');
  vault = openVault('candid-bench-delivery-interviewer');
  await vault.db.open();
}

async function answer(offerSdp: string): Promise<string> {
  const { db, dataKey } = need(vault, 'prepare');
  const key = need(recorderKey, 'prepare');
  hangUp();
  const connection = newConnection(++connections);
  const steps: Milestones = { connection: connection.id, answeredAt: now(), channelOpenAt: null, offerAt: null, firstWantAt: null, firstByteAt: null };
  milestones.push(steps);
  const receiver = new DeliveryReceiver(watchedWire(connection.wire, gaps, steps), measuredTarget(vaultTarget(db, dataKey, INTERVIEW), connection.id, stored), key, INTERVIEW);
  receiver.on('progress', (next) => (progress = next));
  receiver.on('problem', (problem) => problems.push(problem));
  void connection.wire.opened.then((open) => {
    if (open && current?.id === connection.id) receiver.start();
  });
  // pc.close() fires no close event on the channel: the receiver is told here.
  current = { ...connection, stop: () => void receiver.close() };
  await connection.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
  return completeDescription(connection.pc);
}

function receiver(): ReceiverReport {
  return { held: progress.delivered, offered: progress.total, complete: progress.complete, stored: [...stored], gaps: [...gaps], milestones: [...milestones], problems: [...problems] };
}

function sender(): SenderReport {
  return { sentSlices: sentBefore + (sending?.sentSlices ?? 0), readMs: [...readMs], failures: [...failures] };
}

const bench: DeliveryBench = {
  fill,
  offer,
  accept,
  prepare,
  answer,
  hangUp,
  state: () => describe(current),
  traffic: () => traffic(current),
  progress: () => ({ held: progress.delivered, offered: progress.total, complete: progress.complete }),
  receiver,
  sender,
};
Object.assign(window, { [BENCH_GLOBAL]: bench });
const status = document.getElementById('status');
if (status) status.textContent = 'ready';
