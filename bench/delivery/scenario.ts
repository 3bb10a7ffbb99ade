/**
 * One run: connect, deliver, cut the candidate's link twice, and deliver the
 * rest. The pages make delivery's connections as the app does (one sending,
 * one spare; src/delivery/connections.ts), the runner relaying their offers
 * and answers as the call's channel would. The first cut keeps the
 * connections, and the spare takes over as the path comes back; before the
 * second ends, both pages hang up and new ones are negotiated as the link
 * comes back, as the app does once its heartbeat or ICE has given up.
 * Each resume is timed from the restore to the first slice stored that
 * arrived after it. The wire's byte counter is sampled throughout.
 */
import { performance } from 'node:perf_hooks';
import type { Namespace, TestNetwork } from '../../e2e/fixtures/netns';
import { withTimeout } from '../export/harness';
import { wireBytes } from './host';
import type { ConnectionState, ReceiverReport, SenderReport, Traffic } from './page-api';
import type { BenchPage } from './pages';

export interface Sides {
  network: TestNetwork;
  candidateNs: Namespace;
  candidate: BenchPage;
  interviewer: BenchPage;
}

export type ResumeMode = 'keep' | 'renew';

export interface Resume {
  mode: ResumeMode;
  /** What carried the delivery after the restore. */
  carriedBy: 'the same connection' | 'the spare connection' | 'a new connection';
  /** Why a new connection was made: planned (renew), or the old one failed. */
  why: string | null;
  cutAt: number;
  restoreAt: number;
  /** A new connection's offer and answer were both applied (the runner relays them; in the app, signaling does). */
  negotiatedAt: number | null;
  /** Both sides' connections as the cut ended (before any hang-up). */
  atCutEnd: { candidate: ConnectionState; interviewer: ConnectionState };
  /** The first slice stored whose bytes arrived after the restore: when it was durable. */
  firstSliceAt: number | null;
  resumeMs: number | null;
  /** The connection after the resume. */
  after: { candidate: ConnectionState; interviewer: ConnectionState };
}

export interface WireSample {
  at: number;
  bytes: number;
}

export interface RunRecord {
  connectedAt: number;
  finishedAt: number;
  resumes: Resume[];
  receiver: ReceiverReport;
  sender: SenderReport;
  wire: WireSample[];
  firstPair: string | null;
  /** The candidate's connections, each read just before it was closed or at the end. */
  traffic: Traffic[];
}

/** The first cut comes once this share of the backlog is delivered, the second at the next. */
const CUT_POINTS: Record<ResumeMode, number> = { keep: 0.35, renew: 0.65 };
const RESUME_TIMEOUT_MS = 60_000;
const POLL_MS = 50;
const RELAY_MS = 50;
const WIRE_SAMPLE_MS = 250;

export const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Carries each page's signals (offers one way, answers the other) to the
 * other page every RELAY_MS, as the app's call channel does, for the whole run.
 */
class Relay {
  answers = 0;
  readonly #sides: Sides;
  #timer: ReturnType<typeof setInterval> | undefined;
  #tick: Promise<void> = Promise.resolve();

  constructor(sides: Sides) {
    this.#sides = sides;
    this.resume();
  }

  resume(): void {
    this.#timer ??= setInterval(() => {
      this.#tick = this.#tick.then(() => this.#carry()).catch(() => undefined);
    }, RELAY_MS);
  }

  async #carry(): Promise<void> {
    const { candidate, interviewer } = this.#sides;
    const [offers, answers] = await Promise.all([candidate.call('signals'), interviewer.call('signals')]);
    for (const offer of offers) await interviewer.call('signal', offer);
    for (const answer of answers) await candidate.call('signal', answer);
    this.answers += answers.length;
  }

  /** Resolves once the signals under way are delivered; nothing is carried until `resume`. */
  async pause(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#tick;
  }
}

/** The pages make delivery's connections afresh (each closes its old ones first); resolves once the first is answered. */
async function connect(sides: Sides, relay: Relay): Promise<void> {
  const before = relay.answers;
  await sides.interviewer.call('start', 'interviewer');
  await sides.candidate.call('start', 'candidate');
  while (relay.answers === before) await sleep(POLL_MS);
}

const broken = (state: ConnectionState) => state.connection === 'failed' || state.connection === 'closed' || state.channel === 'closed';

async function states({ candidate, interviewer }: Sides) {
  const [c, i] = await Promise.all([candidate.call('state'), interviewer.call('state')]);
  return { candidate: c, interviewer: i };
}

/** Waits until the interviewer holds `slices`, logging every tenth. */
async function deliverUpTo(sides: Sides, slices: number, total: number, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const until = now() + timeoutMs;
  let logged = -1;
  for (;;) {
    const { held } = await sides.interviewer.call('progress');
    const tenth = Math.floor((10 * held) / total);
    if (tenth !== logged) {
      logged = tenth;
      log(`  delivered ${held}/${total} slices`);
    }
    if (held >= slices) return;
    if (now() > until) throw new Error(`delivery stalled at ${held} of ${total} slices`);
    await sleep(250);
  }
}

async function cutAndResume(sides: Sides, relay: Relay, mode: ResumeMode, cutMs: number, traffic: Traffic[], log: (line: string) => void): Promise<Resume> {
  const { network, candidateNs, interviewer } = sides;
  const sendingBefore = (await sides.candidate.call('state')).id;
  const cutAt = now();
  await network.cut(candidateNs);
  log(`  cut the candidate link for ${cutMs / 1000} s (${mode === 'keep' ? 'keeping the connections' : 'then new connections'})`);
  await sleep(cutMs);
  const atCutEnd = await states(sides);
  if (mode === 'renew') {
    traffic.push(await sides.candidate.call('traffic'));
    await relay.pause();
    await Promise.all([sides.candidate.call('hangUp'), interviewer.call('hangUp')]);
    relay.resume();
  }
  const heldBefore = (await interviewer.call('progress')).held;
  // Timed from just before the command: the restore's own cost (an nft process) counts against us.
  const restoreAt = now();
  await network.restore(candidateNs);
  let carriedBy: Resume['carriedBy'] = mode === 'keep' ? 'the same connection' : 'a new connection';
  let why: string | null = mode === 'keep' ? null : 'planned: both sides hung up during the cut';
  let negotiatedAt: number | null = null;
  if (mode === 'renew') {
    await connect(sides, relay);
    negotiatedAt = now();
  }
  const until = restoreAt + RESUME_TIMEOUT_MS;
  while (now() < until && (await interviewer.call('progress')).held <= heldBefore) {
    if (carriedBy === 'the same connection') {
      const seen = await states(sides);
      if (broken(seen.candidate) || broken(seen.interviewer)) {
        carriedBy = 'a new connection';
        traffic.push(await sides.candidate.call('traffic'));
        why = `the old one failed: candidate ${seen.candidate.connection}/${seen.candidate.channel}, interviewer ${seen.interviewer.connection}/${seen.interviewer.channel} (connection/channel)`;
        await connect(sides, relay);
        negotiatedAt = now();
      }
    }
    await sleep(POLL_MS);
  }
  // Across a cut the connection that was sending comes back and hands over to the spare (see src/delivery/connections.ts).
  if (carriedBy === 'the same connection' && (await sides.candidate.call('state')).id !== sendingBefore) carriedBy = 'the spare connection';
  const { stored } = await interviewer.call('receiver');
  const first = stored.find((slice) => slice.startedAt > restoreAt);
  const firstSliceAt = first?.at ?? null;
  return { mode, carriedBy, why, cutAt, restoreAt, negotiatedAt, atCutEnd, firstSliceAt, resumeMs: firstSliceAt === null ? null : firstSliceAt - restoreAt, after: await states(sides) };
}

export async function runDelivery(sides: Sides, totalSlices: number, timeoutMs: number, cutMs: number, log: (line: string) => void): Promise<RunRecord> {
  const wire: WireSample[] = [];
  const sample = () =>
    void wireBytes(sides.candidateNs).then(
      (bytes) => wire.push({ at: now(), bytes }),
      () => undefined, // The veth is gone: the run is over.
    );
  const sampler = setInterval(sample, WIRE_SAMPLE_MS);
  const relay = new Relay(sides);
  try {
    const connectedAt = now();
    await withTimeout(connect(sides, relay), 30_000, 'connecting the two pages');
    const resumes: Resume[] = [];
    const traffic: Traffic[] = [];
    let firstPair: string | null = null;
    for (const mode of ['keep', 'renew'] as const) {
      await deliverUpTo(sides, Math.ceil(CUT_POINTS[mode] * totalSlices), totalSlices, timeoutMs, log);
      firstPair ??= (await sides.candidate.call('state')).pair;
      const resume = await cutAndResume(sides, relay, mode, cutMs, traffic, log);
      log(`  resumed over ${resume.carriedBy} ${resume.resumeMs === null ? 'never' : `${Math.round(resume.resumeMs)} ms`} after the restore`);
      resumes.push(resume);
    }
    await deliverUpTo(sides, totalSlices, totalSlices, timeoutMs, log);
    const finishedAt = now();
    traffic.push(await sides.candidate.call('traffic'));
    const [receiver, sender] = await Promise.all([sides.interviewer.call('receiver'), sides.candidate.call('sender')]);
    return { connectedAt, finishedAt, resumes, receiver, sender, wire, firstPair, traffic };
  } finally {
    clearInterval(sampler);
    await relay.pause();
  }
}
