/**
 * What an interview's bundle holds, read from the vault: each recording as a
 * playable, seekable WebM with its slice hash chain, the interview record,
 * timeline, exits, consent and the audit log. Recordings are read twice, one
 * slice at a time: once to compute the WebM header, once to stream them out.
 */
import { exitOf, type InterviewId } from '../core';
import { toBase64Url } from '../crypto';
import { analyzeWebm } from '../media';
import { readTrack, listTracks, TimelineLog, type AuditLog, type CandidDb, type InterviewRecord, type TrackSummary } from '../vault';
import type { PayloadFile } from './bundle-writer';
import { streamFrom, textFile } from './streams';

export interface BundleSource {
  db: CandidDb;
  dataKey: Uint8Array;
  record: InterviewRecord;
  audit: AuditLog;
}

/** The slice hash chain beside each recording: enough to re-check the WebM against what was recorded. */
export interface ChainFile {
  version: 1;
  track: { kind: string; subject: string; mimeType: string; startedAt: string; stoppedAt: string | null; stopReason: string | null };
  slices: Array<{ seq: number; bytes: number; sha256: string; chain: string; at: string }>;
  /** How the WebM in the bag relates to the slices: its first `headerBytes` were rebuilt; the rest is the slices' bytes from `bodyOffset` on. */
  webm: { file: string; headerBytes: number; bodyOffset: number; bodyEnd: number; originalPreamble: string };
}

const iso = (ms: number) => new Date(ms).toISOString();

async function* sliceBytes(db: CandidDb, dataKey: Uint8Array, interviewId: InterviewId, trackId: string): AsyncGenerator<Uint8Array> {
  for await (const { bytes } of readTrack(db, dataKey, interviewId, trackId)) yield bytes;
}

/** Yields the bytes of [from, to) of the concatenated slices. */
async function* window(source: AsyncIterable<Uint8Array>, from: number, to: number): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for await (const bytes of source) {
    const start = Math.max(from - offset, 0);
    const end = Math.min(to - offset, bytes.length);
    if (end > start) yield start === 0 && end === bytes.length ? bytes : bytes.slice(start, end);
    offset += bytes.length;
    if (offset >= to) return;
  }
}

async function recordingFiles(source: BundleSource, track: TrackSummary, index: number): Promise<PayloadFile[]> {
  const { db, dataKey, record } = source;
  const slices: ChainFile['slices'] = [];
  let preamble: Uint8Array = new Uint8Array(0);
  // The first pass only computes the WebM header; the second, which writes, verifies every slice.
  async function* firstPass(): AsyncGenerator<Uint8Array> {
    for await (const { bytes, info } of readTrack(db, dataKey, record.id, track.trackId, { verify: false })) {
      slices.push({ seq: slices.length, bytes: info.bytes, sha256: info.hash, chain: info.chain, at: iso(info.at) });
      if (preamble.length < 64 * 1024) preamble = concat(preamble, bytes.subarray(0, 64 * 1024 - preamble.length));
      yield bytes;
    }
  }
  const layout = await analyzeWebm(firstPass(), { tolerateCutTail: true });
  const { description } = track;
  const base = `recordings/${String(index + 1).padStart(2, '0')}-${description.kind}-${description.subject}`;
  const chain: ChainFile = {
    version: 1,
    track: {
      kind: description.kind,
      subject: description.subject,
      mimeType: description.mimeType,
      startedAt: iso(description.startedAt),
      stoppedAt: description.stoppedAt === null ? null : iso(description.stoppedAt),
      stopReason: description.stopReason,
    },
    slices,
    webm: {
      file: `${base}.webm`,
      headerBytes: layout.header.length,
      bodyOffset: layout.bodyOffset,
      bodyEnd: layout.bodyEnd,
      originalPreamble: toBase64Url(preamble.subarray(0, layout.bodyOffset)),
    },
  };
  async function* webm(): AsyncGenerator<Uint8Array> {
    yield layout.header;
    yield* window(sliceBytes(db, dataKey, record.id, track.trackId), layout.bodyOffset, layout.bodyEnd);
  }
  const chainText = JSON.stringify(chain, null, 1) + '\n';
  return [
    { path: `${base}.webm`, open: () => streamFrom(webm()), media: true, size: layout.header.length + layout.bodyEnd - layout.bodyOffset },
    { path: `${base}.chain.json`, open: textFile(chainText), media: false, size: chainText.length },
  ];
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function jsonFile(path: string, value: unknown): PayloadFile {
  const text = JSON.stringify(value, null, 2) + '\n';
  return { path, open: textFile(text), media: false, size: new TextEncoder().encode(text).length };
}

/** Everything under data/. Call after logging the export, so the audit log includes it. */
export async function collectPayload(source: BundleSource): Promise<PayloadFile[]> {
  const { db, dataKey, record, audit } = source;
  const tracks = await listTracks(db, dataKey, record.id);
  const files: PayloadFile[] = [];
  for (const [index, track] of tracks.entries()) files.push(...(await recordingFiles(source, track, index)));
  const recordingEvents = tracks.flatMap((t) => [
    { at: iso(t.description.startedAt), event: 'recording-started', track: t.description.kind, subject: t.description.subject },
    ...(t.description.stoppedAt === null
      ? [{ at: t.lastSliceAt === null ? null : iso(t.lastSliceAt), event: 'recording-interrupted', track: t.description.kind, subject: t.description.subject }]
      : [{ at: iso(t.description.stoppedAt), event: 'recording-stopped', reason: t.description.stopReason, track: t.description.kind, subject: t.description.subject }]),
  ]);
  const events = await new TimelineLog(db, dataKey, record.id).list();
  const consent = events.find((e) => e.kind === 'consent-given' || e.kind === 'consent-declined');
  const auditText = await audit.lines();
  files.push(
    jsonFile('interview.json', {
      id: record.id,
      candidate: record.details?.candidateName ?? null,
      position: record.details?.position ?? null,
      createdAt: iso(record.createdAt),
      exporterRole: record.role,
      candidateDeviceKey: record.candidateKey,
    }),
    jsonFile('timeline.json', {
      version: 1,
      events: [
        { at: iso(record.createdAt), event: 'interview-created' },
        ...recordingEvents,
        ...events.map((e) => ({ at: iso(e.at), event: e.kind, ...(exitOf(e) ? { exit: exitOf(e) } : e.detail) })),
      ].sort((a, b) => String(a.at).localeCompare(String(b.at))),
    }),
    jsonFile('exits.json', { version: 1, exits: events.flatMap((e) => exitOf(e) ?? []).map((exit) => ({ ...exit, at: iso(exit.at) })) }),
    // The candidate's signed acceptance, exactly as signed: check it against the pinned candidate key.
    jsonFile('consent.json', {
      version: 1,
      consent: consent ? { at: iso(consent.at), accepted: consent.kind === 'consent-given', ...consent.detail } : null,
      candidateDeviceKey: record.candidateKey,
    }),
    { path: 'audit.jsonl', open: textFile(auditText), media: false, size: new TextEncoder().encode(auditText).length },
  );
  return files;
}
