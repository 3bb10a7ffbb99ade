/** The figures: one JSON line for machines (stdout) and a table for people (stderr). */
import { CHUNK_BYTES, WANT_WINDOW } from '../../src/delivery';
import type { BenchParams } from './options';
import type { FillResult, Milestones, StoredSlice, Traffic } from './page-api';
import type { Resume, RunRecord, WireSample } from './scenario';

export const TARGET_SHARE = 0.8;
export const TARGET_RESUME_MS = 2000;

export interface BenchResult {
  params: BenchParams;
  fill: FillResult;
  run: RunRecord;
  bucket: { dropped: number; overlimits: number; sentBytes: number };
  chromium: string;
  totalSeconds: number;
  /** One-minute load average at the start and the end: other work on the machine skews the figures. */
  loadAverage: [number, number];
}

interface Segment {
  slices: number;
  /** Bytes stored after the segment's first slice, over the time from it to the last. */
  bytes: number;
  seconds: number;
  wireBytes: number | null;
  wireSeconds: number | null;
}

/** Ethernet, IPv4 and UDP headers of one packet. */
const FRAME_HEADERS = 14 + 20 + 8;
const mbit = (bytes: number, seconds: number) => (bytes * 8) / seconds / 1e6;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** The wire's byte counter between the first and last samples inside [from, to]. */
function wireBetween(wire: WireSample[], from: number, to: number): { bytes: number; seconds: number } | null {
  const inside = wire.filter((sample) => sample.at >= from && sample.at <= to);
  const first = inside[0];
  const last = inside.at(-1);
  if (first === undefined || last === undefined || last.at - first.at < 1000) return null;
  return { bytes: last.bytes - first.bytes, seconds: (last.at - first.at) / 1000 };
}

/** Uninterrupted stretches: up to the first cut, between the resumes and cuts, and from the last resume to the end. */
function segments(stored: StoredSlice[], resumes: Resume[], wire: WireSample[]): Segment[] {
  const bounds = [{ from: -Infinity, to: resumes[0]?.cutAt ?? Infinity }];
  resumes.forEach((resume, i) => bounds.push({ from: resume.restoreAt, to: resumes[i + 1]?.cutAt ?? Infinity }));
  return bounds.map(({ from, to }) => {
    const inside = stored.filter((slice) => slice.startedAt > from && slice.at <= to);
    const first = inside[0];
    const last = inside.at(-1);
    if (first === undefined || last === undefined || inside.length < 2) return { slices: inside.length, bytes: 0, seconds: 0, wireBytes: null, wireSeconds: null };
    const onWire = wireBetween(wire, first.at, last.at);
    return {
      slices: inside.length,
      bytes: inside.slice(1).reduce((sum, slice) => sum + slice.bytes, 0),
      seconds: (last.at - first.at) / 1000,
      wireBytes: onWire?.bytes ?? null,
      wireSeconds: onWire?.seconds ?? null,
    };
  });
}

/** A resume on a new connection, step by step from the restore (ms), as the interviewer saw it. */
function steps(resume: Resume, milestones: Milestones[]) {
  const m = milestones.find((entry) => entry.answeredAt >= resume.restoreAt);
  if (resume.carriedBy !== 'a new connection' || m === undefined) return null;
  const since = (at: number | null) => (at === null ? null : Math.round(at - resume.restoreAt));
  return {
    negotiated: since(resume.negotiatedAt),
    channelOpen: since(m.channelOpenAt),
    offer: since(m.offerAt),
    firstWant: since(m.firstWantAt),
    firstByte: since(m.firstByteAt),
    firstStored: since(resume.firstSliceAt),
  };
}

/** What the candidate's connections put on the wire for the channel's bytes. */
function trafficFigures(traffic: Traffic[]) {
  const channel = traffic.reduce((sum, t) => sum + t.channelBytes, 0);
  const transport = traffic.reduce((sum, t) => sum + t.transportBytes, 0);
  const packets = traffic.reduce((sum, t) => sum + t.packets, 0);
  return {
    channelMB: round(channel / 1e6),
    udpPayloadMB: round(transport / 1e6),
    packets,
    /** UDP payload per channel byte: DTLS and SCTP headers, and any SCTP retransmissions. */
    udpPerChannelByte: round(transport / channel, 3),
    /** Bytes per packet on the wire, with Ethernet, IPv4 and UDP headers. */
    wireBytesPerPacket: Math.round(transport / packets + FRAME_HEADERS),
    /** The share of the link slices could have with the wire always busy, after these overheads. */
    ceiling: round(channel / (transport + FRAME_HEADERS * packets), 3),
  };
}

/** The figures the JSON line and the table share. */
function figures(r: BenchResult) {
  const { params, run } = r;
  const parts = segments(run.receiver.stored, run.resumes, run.wire);
  const bytes = parts.reduce((sum, part) => sum + part.bytes, 0);
  const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
  const goodput = mbit(bytes, seconds);
  const wired = parts.filter((part) => part.wireBytes !== null);
  const wireRate = wired.length === 0 ? NaN : mbit(wired.reduce((s, p) => s + (p.wireBytes ?? 0), 0), wired.reduce((s, p) => s + (p.wireSeconds ?? 0), 0));
  // Window boundaries inside uninterrupted stretches only.
  const outages = run.resumes.map((resume) => ({ from: resume.cutAt, to: resume.firstSliceAt ?? Infinity }));
  const gaps = run.receiver.gaps.filter((gap) => outages.every((o) => gap.nextByteAt < o.from || gap.lastByteAt > o.to));
  const chunkMs = (CHUNK_BYTES * 8) / (params.rateMbit * 1e6) / 1e-3;
  const idle = gaps.map((gap) => gap.nextByteAt - gap.lastByteAt);
  const excessSeconds = idle.reduce((sum, ms) => sum + Math.max(0, ms - chunkMs), 0) / 1000;
  const windowSeconds = (WANT_WINDOW * params.sliceBytes * 8) / (params.rateMbit * 1e6);
  const share = goodput / params.rateMbit;
  const storeMs = run.receiver.stored.map((slice) => slice.at - slice.startedAt);
  const elapsed = (run.finishedAt - run.connectedAt) / 1000;
  const cutSeconds = run.resumes.reduce((sum, resume) => sum + (resume.restoreAt - resume.cutAt) / 1000, 0);
  return {
    backlogMB: round(r.fill.bytes / 1e6),
    slices: r.fill.slices,
    sliceBytes: params.sliceBytes,
    linkMbit: params.rateMbit,
    delayMsEachWay: params.delayMs,
    throughputMbit: round(goodput, 2),
    shareOfLink: round(share, 3),
    wireMbit: round(wireRate, 2),
    wireShareOfLink: round(wireRate / params.rateMbit, 3),
    segments: parts.map((part) => ({ slices: part.slices, mbit: round(mbit(part.bytes, part.seconds), 2), seconds: round(part.seconds) })),
    elapsedSeconds: round(elapsed),
    elapsedWithoutCutsSeconds: round(elapsed - cutSeconds),
    resumes: run.resumes.map((resume) => ({
      mode: resume.mode,
      carriedBy: resume.carriedBy,
      why: resume.why,
      resumeMs: resume.resumeMs === null ? null : Math.round(resume.resumeMs),
      /** ms after the restore: negotiated, channel open, offer arrived, first want, first byte, first slice stored. */
      steps: steps(resume, run.receiver.milestones),
      atCutEnd: { candidate: `${resume.atCutEnd.candidate.connection}/${resume.atCutEnd.candidate.ice}`, interviewer: `${resume.atCutEnd.interviewer.connection}/${resume.atCutEnd.interviewer.ice}` },
    })),
    windows: {
      slicesPerWindow: WANT_WINDOW,
      windowSecondsAtLinkRate: round(windowSeconds, 2),
      boundaries: gaps.length,
      idleMsP50: round(quantile(idle, 0.5)),
      idleMsP95: round(quantile(idle, 0.95)),
      lastByteToWantMsP50: round(quantile(gaps.map((g) => g.wantAt - g.lastByteAt), 0.5)),
      wantToNextByteMsP50: round(quantile(gaps.map((g) => g.nextByteAt - g.wantAt), 0.5)),
      /** Link time lost at window boundaries (idle beyond one 64 KB frame's time), as a share of the uninterrupted time. */
      idleShare: round(excessSeconds / seconds, 3),
    },
    traffic: trafficFigures(run.traffic),
    storeMsP50: round(quantile(storeMs, 0.5)),
    storeMsP95: round(quantile(storeMs, 0.95)),
    readMsP50: round(quantile(run.sender.readMs, 0.5)),
    readMsP95: round(quantile(run.sender.readMs, 0.95)),
    sentSlices: run.sender.sentSlices,
    storedSlices: run.receiver.stored.length,
    complete: run.receiver.complete,
    problems: run.receiver.problems,
    senderFailures: run.sender.failures,
    bucket: r.bucket,
    pair: run.firstPair,
    fillSeconds: round(r.fill.seconds),
    chromium: r.chromium,
    loadAverage: r.loadAverage.map((load) => round(load, 2)),
    totalSeconds: round(r.totalSeconds),
  };
}

export function jsonLine(r: BenchResult): string {
  return JSON.stringify(figures(r));
}

const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');

export function table(r: BenchResult): string {
  const f = figures(r);
  const w = f.windows;
  const lines = [
    `backlog             ${f.backlogMB} MB in ${f.slices} slices of ${f.sliceBytes} B (sealed in ${f.fillSeconds} s)`,
    `link                ${f.linkMbit} Mbit/s each way (tbf on both ends of the candidate veth)`,
    `delay               ${f.delayMsEachWay === 0 ? 'none' : `${f.delayMsEachWay} ms each way (iptables NFQUEUE to a userspace delayer; this kernel has no sch_netem)`}`,
    `throughput          ${f.throughputMbit} Mbit/s of slices = ${(f.shareOfLink * 100).toFixed(1)}% of the link (target ≥ ${TARGET_SHARE * 100}%: ${verdict(f.shareOfLink >= TARGET_SHARE)})`,
    `  on the wire       ${f.wireMbit} Mbit/s of Ethernet frames = ${(f.wireShareOfLink * 100).toFixed(1)}% of the link (slices with their DTLS, SCTP, UDP, IP and Ethernet headers)`,
    `  per stretch       ${f.segments.map((s) => `${s.mbit} Mbit/s over ${s.seconds} s`).join('; ')}`,
    `  whole backlog     ${f.elapsedSeconds} s from connecting to the last slice, ${f.elapsedWithoutCutsSeconds} s without the cuts`,
    ...f.resumes.flatMap((resume, i) => [
      `resume ${i + 1} (${resume.mode.padEnd(5)})    ${resume.resumeMs === null ? 'did not resume within 60 s' : `${resume.resumeMs} ms`} from restore to the first slice stored (target < ${TARGET_RESUME_MS} ms: ${verdict(resume.resumeMs !== null && resume.resumeMs < TARGET_RESUME_MS)}), over ${resume.carriedBy}${resume.why === null ? '' : ` (${resume.why})`}`,
      `  at the cut's end  candidate ${resume.atCutEnd.candidate}, interviewer ${resume.atCutEnd.interviewer} (connection/ICE)`,
      ...(resume.steps === null
        ? []
        : [
            `  steps, ms         negotiated ${resume.steps.negotiated}, channel open ${resume.steps.channelOpen}, offer in ${resume.steps.offer}, first want ${resume.steps.firstWant}, first byte ${resume.steps.firstByte}, stored ${resume.steps.firstStored}`,
          ]),
    ]),
    `windows             ${w.slicesPerWindow} slices (${w.windowSecondsAtLinkRate} s at link rate); ${w.boundaries} boundaries, link idle ${w.idleMsP50} ms p50 / ${w.idleMsP95} ms p95 at each (last byte → want ${w.lastByteToWantMsP50} ms, want → next byte ${w.wantToNextByteMsP50} ms), ${(w.idleShare * 100).toFixed(1)}% of the time`,
    // A connection the spare replaced is closed before it can be read: these are the connections read at their end.
    `transport           ${f.traffic.channelMB} MB sent on the channels read (backlog ${f.backlogMB} MB) took ${f.traffic.udpPayloadMB} MB of UDP payload in ${f.traffic.packets} packets (${f.traffic.udpPerChannelByte} per channel byte, ${f.traffic.wireBytesPerPacket} B a packet on the wire): at most ${(f.traffic.ceiling * 100).toFixed(1)}% of the link for slices`,
    `per slice           interviewer store (hash, chain, seal, IndexedDB) ${f.storeMsP50} ms p50 / ${f.storeMsP95} ms p95; candidate read (IndexedDB, open, hash) ${f.readMsP50} ms p50 / ${f.readMsP95} ms p95`,
    `token bucket        ${f.bucket.dropped} packets dropped, ${f.bucket.overlimits} overlimits`,
    `checks              ${f.storedSlices} slices stored, ${f.sentSlices} sent, complete: ${f.complete}, problems: ${f.problems.length === 0 ? 'none' : f.problems.join(', ')}${f.senderFailures.length === 0 ? '' : `, sender failures: ${f.senderFailures.join('; ')}`}`,
    `pair                ${f.pair ?? 'unknown'}; Chromium ${f.chromium}; ${f.totalSeconds} s in all; load average ${f.loadAverage.join(' → ')}`,
  ];
  return lines.join('\n');
}
