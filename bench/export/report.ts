/** The figures: one JSON line for machines (stdout) and a table for people (stderr). */
import type { AllocatorName, AllocatorSnapshot } from './allocators';
import type { MemorySummary, Resident } from './memory';
import type { ExportResult, ExportSink, FillResult, StageResult } from './page-api';
import type { ProfileSummary } from './profile';
import type { ReferenceResult } from './reference';
import type { Plan } from './synthetic-webm';

export const TARGET_PEAK_MB = 300;

export interface BenchResult {
  plan: Plan;
  fill: FillResult;
  exported: ExportResult;
  webmSha256Matches: boolean;
  memory: MemorySummary;
  afterGc: Resident | null;
  allocators: AllocatorSnapshot[] | null;
  reference: ReferenceResult;
  profile: ProfileSummary | null;
  stages: StageResult[] | null;
  sink: ExportSink;
  quotaOverridden: boolean;
  /** CPU seconds during the export. */
  cpu: { renderer: number; others: number };
  /** One-minute load average at the start and the end: other work on the machine skews the figures. */
  loadAverage: [number, number];
  totalSeconds: number;
  chromium: string;
}

const mb = (bytes: number) => Number((bytes / 1e6).toFixed(1));
const fixed = (value: number, digits = 2) => Number(value.toFixed(digits));
const mbEach = (bytes: Record<AllocatorName, number>) => Object.fromEntries(Object.entries(bytes).map(([name, value]) => [name, mb(value)])) as Record<AllocatorName, number>;

/** The figures the JSON line and the table share. */
function figures(r: BenchResult) {
  const m = r.memory;
  const renderer = m.processes.find((p) => p.type === 'page renderer');
  const exportMbPerSecond = r.plan.totalBytes / 1e6 / r.exported.seconds;
  const memory = {
    rendererBaselineMB: mb(renderer?.baselineBytes ?? 0),
    rendererPeakMB: mb(renderer?.peakBytes ?? 0),
    rendererPeakDeltaMB: mb((renderer?.peakBytes ?? 0) - (renderer?.baselineBytes ?? 0)),
    rendererPeakFirstPassMB: mb(m.rendererPeakBeforeMarkBytes),
    rendererPeakWritePassMB: mb(m.rendererPeakAfterMarkBytes),
    rendererPrivateBaselineMB: mb(m.rendererPrivateBaselineBytes),
    rendererPrivatePeakMB: mb(m.rendererPrivatePeakBytes),
    rendererPrivatePeakDeltaMB: mb(m.rendererPrivatePeakBytes - m.rendererPrivateBaselineBytes),
    rendererAfterGcMB: mb(r.afterGc?.rss ?? 0),
    rendererPrivateAfterGcMB: mb(r.afterGc?.anon ?? 0),
    rendererPeakMadeOfMB: { anon: mb(m.rendererPeakResident?.anon ?? 0), file: mb(m.rendererPeakResident?.file ?? 0), shmem: mb(m.rendererPeakResident?.shmem ?? 0) },
    jsHeapBaselineMB: mb(m.jsHeapBaselineBytes),
    jsHeapPeakMB: mb(m.jsHeapPeakBytes),
    arrayBuffersPeakMB: mb(m.arrayBuffersPeakBytes),
    otherProcessesBaselineMB: mb(m.othersBaselineBytes),
    otherProcessesPeakMB: mb(m.othersPeakBytes),
    otherProcessesPeakDeltaMB: mb(m.othersPeakBytes - m.othersBaselineBytes),
    allProcessesBaselineMB: mb(m.totalBaselineBytes),
    allProcessesPeakMB: mb(m.totalPeakBytes),
    allProcessesPeakDeltaMB: mb(m.totalPeakBytes - m.totalBaselineBytes),
    rendererTimelineMB: m.rendererTimelineBytes.map(mb),
    samples: m.samples,
    processes: m.processes.map((p) => ({ type: p.type, pid: p.pid, baselineMB: mb(p.baselineBytes), peakMB: mb(p.peakBytes), ...(p.unrelated ? { unrelated: true } : {}) })),
  };
  return { exportMbPerSecond, memory };
}

export function jsonLine(r: BenchResult): string {
  const { exportMbPerSecond, memory } = figures(r);
  const allocators = r.allocators?.map((snapshot) => ({ label: snapshot.label, ...mbEach(snapshot.bytes) }));
  return JSON.stringify({
    recordingBytes: r.plan.totalBytes,
    slices: r.fill.slices,
    sliceBytes: r.plan.sliceBytes,
    recordingMinutes: fixed(r.plan.durationMs / 60_000, 1),
    fillSeconds: fixed(r.fill.seconds),
    fillMbPerSecond: fixed(r.plan.totalBytes / 1e6 / r.fill.seconds),
    export: {
      seconds: fixed(r.exported.seconds),
      firstPassSeconds: fixed(r.exported.firstPassSeconds),
      sink: r.sink,
      mbPerSecond: fixed(exportMbPerSecond),
      bundleBytes: r.exported.bundleBytes,
      webmSha256Matches: r.webmSha256Matches,
      rendererCpuSeconds: fixed(r.cpu.renderer),
      otherProcessesCpuSeconds: fixed(r.cpu.others),
    },
    memory,
    reference: { zipSeconds: fixed(r.reference.zipSeconds, 3), sha256Seconds: fixed(r.reference.sha256Seconds, 3), mbPerSecond: fixed(r.reference.mbPerSecond) },
    ratio: fixed(exportMbPerSecond / r.reference.mbPerSecond, 4),
    targetPeakMB: TARGET_PEAK_MB,
    withinTarget: {
      rendererPeak: memory.rendererPeakMB < TARGET_PEAK_MB,
      rendererPeakDelta: memory.rendererPeakDeltaMB < TARGET_PEAK_MB,
      allProcessesPeakDelta: memory.allProcessesPeakDeltaMB < TARGET_PEAK_MB,
    },
    quotaOverridden: r.quotaOverridden,
    loadAverage: r.loadAverage.map((load) => fixed(load)),
    ...(allocators ? { allocatorsMB: allocators } : {}),
    ...(r.profile ? { profile: r.profile } : {}),
    ...(r.stages ? { stages: r.stages.map((s) => ({ stage: s.stage, bytes: s.bytes, seconds: fixed(s.seconds, 3), mbPerSecond: fixed(s.mbPerSecond, 1) })) } : {}),
    totalSeconds: fixed(r.totalSeconds, 1),
    node: process.version,
    chromium: r.chromium,
  });
}

const row = (label: string, value: string) => `${label.padEnd(44)} ${value}`;

export function table(r: BenchResult): string {
  const { exportMbPerSecond, memory: m } = figures(r);
  const lines = [
    row('recording', `${mb(r.plan.totalBytes)} MB in ${r.fill.slices} slices (${fixed(r.plan.durationMs / 60_000, 1)} min of the fixture looped)`),
    row('fill vault (TrackWriter.append, IndexedDB)', `${fixed(r.fill.seconds, 1)} s, ${fixed(r.plan.totalBytes / 1e6 / r.fill.seconds, 1)} MB/s`),
    row(r.sink === 'opfs' ? 'export to private file system' : 'export to a null sink', `${fixed(r.exported.seconds, 1)} s, ${fixed(exportMbPerSecond, 1)} MB/s, bundle ${mb(r.exported.bundleBytes)} MB`),
    row('  first pass (WebM header), then writing', `${fixed(r.exported.firstPassSeconds, 1)} s + ${fixed(r.exported.seconds - r.exported.firstPassSeconds, 1)} s`),
    row('CPU during the export', `page renderer ${fixed(r.cpu.renderer, 1)} s, other processes ${fixed(r.cpu.others, 1)} s`),
    row('exported WebM hash matches Node', String(r.webmSha256Matches)),
    row('zip -0 + sha256sum (same bytes)', `${fixed(r.reference.zipSeconds, 2)} s + ${fixed(r.reference.sha256Seconds, 2)} s, ${fixed(r.reference.mbPerSecond, 1)} MB/s`),
    row('ratio (export / reference)', fixed(exportMbPerSecond / r.reference.mbPerSecond, 4).toString()),
    row('page renderer RSS: baseline → peak (Δ)', `${m.rendererBaselineMB} → ${m.rendererPeakMB} MB (Δ ${m.rendererPeakDeltaMB} MB, target < ${TARGET_PEAK_MB})`),
    row('page renderer RSS peak: first pass, writing', `${m.rendererPeakFirstPassMB} MB, ${m.rendererPeakWritePassMB} MB`),
    row('page renderer private memory: baseline → peak', `${m.rendererPrivateBaselineMB} → ${m.rendererPrivatePeakMB} MB (Δ ${m.rendererPrivatePeakDeltaMB} MB)`),
    row('  RSS at peak = private + files + shared memory', `${m.rendererPeakMadeOfMB.anon} + ${m.rendererPeakMadeOfMB.file} + ${m.rendererPeakMadeOfMB.shmem} MB`),
    row('page renderer after the export, GC, 2 s', `${m.rendererAfterGcMB} MB (private ${m.rendererPrivateAfterGcMB} MB)`),
    row('page renderer RSS by tenth of the export', m.rendererTimelineMB.join(' ')),
    row('page JS heap: baseline → peak', `${m.jsHeapBaselineMB} → ${m.jsHeapPeakMB} MB; ArrayBuffers peak ${m.arrayBuffersPeakMB} MB`),
    row('other Chromium processes: baseline → peak', `${m.otherProcessesBaselineMB} → ${m.otherProcessesPeakMB} MB (Δ ${m.otherProcessesPeakDeltaMB} MB)`),
    row('all processes (sum): baseline → peak', `${m.allProcessesBaselineMB} → ${m.allProcessesPeakMB} MB (Δ ${m.allProcessesPeakDeltaMB} MB)`),
    ...m.processes.map((p) => row(`  ${p.type} (${p.pid})`, `${p.baselineMB} → ${p.peakMB} MB${p.unrelated ? ' (not counted: unrelated to the export)' : ''}`)),
    row('load average (1 min) at start, end', r.loadAverage.map((load) => fixed(load)).join(', ')),
  ];
  if (r.allocators) {
    const names = Object.keys(r.allocators[0]?.bytes ?? {}) as AllocatorName[];
    lines.push('', `page renderer allocators (MB): ${names.join(', ')}`);
    lines.push(...r.allocators.map((s) => row(`  ${s.label}`, names.map((name) => mb(s.bytes[name])).join(', '))));
  }
  if (r.stages) {
    lines.push('', 'stages of the export, each timed alone:');
    lines.push(...r.stages.map((s) => row(`  ${s.stage}`, `${fixed(s.mbPerSecond, 1)} MB/s (${mb(s.bytes)} MB in ${fixed(s.seconds, 2)} s)`)));
  }
  if (r.profile) {
    lines.push('', `CPU profile of the export: ${r.profile.totalMs} ms sampled`, 'self time by module:');
    lines.push(...r.profile.byModule.map((l) => row(`  ${l.name}`, `${l.selfMs} ms (${l.percent}%)`)));
    lines.push('self time by function:');
    lines.push(...r.profile.byFunction.map((l) => row(`  ${l.name}`, `${l.selfMs} ms (${l.percent}%)`)));
  }
  return lines.join('\n');
}
