/**
 * Resident memory of every Chromium process, and the page's JS heap,
 * sampled on a timer while the export runs. RSS comes from /proc (Linux
 * only); the process list from CDP, refreshed now and then in case Chromium
 * starts a process mid-export.
 */
import { readFileSync } from 'node:fs';

export interface BrowserProcess {
  pid: number;
  /** As CDP's SystemInfo names it ('browser', 'renderer', 'GPU', 'storage.mojom.StorageService'…); 'page renderer' for ours. */
  type: string;
  /** Chromium's own business, not the export's (sampled and listed, left out of the sums). */
  unrelated?: boolean;
}

export interface HeapUsage {
  /** V8 heap in use. */
  used: number;
  /** ArrayBuffer backing stores and external strings: where slices and zip chunks live. */
  backing: number;
}

export interface MemorySource {
  processes(): Promise<BrowserProcess[]>;
  heap(): Promise<HeapUsage>;
}

export interface ProcessMemory extends BrowserProcess {
  baselineBytes: number;
  peakBytes: number;
}

export interface MemorySummary {
  samples: number;
  processes: ProcessMemory[];
  /** Sum over processes but unrelated ones, sample by sample (shared pages count once per process). */
  totalBaselineBytes: number;
  totalPeakBytes: number;
  /** Sum over every process but the page's renderer. */
  othersBaselineBytes: number;
  othersPeakBytes: number;
  jsHeapBaselineBytes: number;
  jsHeapPeakBytes: number;
  arrayBuffersPeakBytes: number;
  /** The page renderer's peak RSS in each tenth of the export: flat means memory does not grow with the recording. */
  rendererTimelineBytes: number[];
  /** The page renderer's peak RSS before and after `mark()` (the first pass over the recording, then the writing pass). */
  rendererPeakBeforeMarkBytes: number;
  rendererPeakAfterMarkBytes: number;
  /** What the page renderer's RSS was made of at its peak. */
  rendererPeakResident: Resident | null;
  /** The page renderer's private (anonymous) memory: the part the export allocates, without mapped code. */
  rendererPrivateBaselineBytes: number;
  rendererPrivatePeakBytes: number;
}

/** Resident memory by kind, from /proc/<pid>/status. */
export interface Resident {
  rss: number;
  /** Heap, ArrayBuffers, V8: private memory. */
  anon: number;
  /** Mapped files: the binary, fonts. */
  file: number;
  /** Shared memory: Mojo data pipes and buffers shared with other Chromium processes. */
  shmem: number;
}

/** Resident memory in bytes, or null once the process is gone. */
export function resident(pid: number): Resident | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // The process exited between listing and reading: it holds nothing any more.
    return null;
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB$`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  const rss = field('VmRSS');
  return Number.isNaN(rss) ? null : { rss, anon: field('RssAnon'), file: field('RssFile'), shmem: field('RssShmem') };
}

const PROCESS_REFRESH_MS = 1000;
const BASELINE_SAMPLES = 5;

export class MemorySampler {
  #processes: BrowserProcess[] = [];
  readonly #baseline = new Map<number, number>();
  readonly #peak = new Map<number, number>();
  #pageRenderer = -1;
  #totalBaseline = 0;
  #totalPeak = 0;
  #othersBaseline = 0;
  #othersPeak = 0;
  #heapBaseline = 0;
  #heapPeak = 0;
  #backingPeak = 0;
  #samples = 0;
  #timer: NodeJS.Timeout | null = null;
  #pending: Array<Promise<void>> = [];
  #heapInFlight = false;
  #listInFlight = false;
  #lastListed = 0;
  readonly #timeline: Array<{ at: number; bytes: number }> = [];
  #markedAt: number | null = null;
  #rendererPeak: Resident | null = null;
  #privateBaseline = 0;
  #privatePeak = 0;

  constructor(
    private readonly source: MemorySource,
    private readonly intervalMs: number,
  ) {}

  /** Averages a few samples taken `intervalMs` apart: the figures just before the export. */
  async baseline(): Promise<void> {
    this.#processes = await this.source.processes();
    this.#pageRenderer = this.#processes.find((p) => p.type === 'page renderer')?.pid ?? -1;
    const sums = new Map<number, number>();
    let heap = 0;
    let ownPrivate = 0;
    for (let i = 0; i < BASELINE_SAMPLES; i++) {
      ownPrivate += resident(this.#pageRenderer)?.anon ?? 0;
      for (const { pid, unrelated } of this.#processes) if (unrelated !== true) sums.set(pid, (sums.get(pid) ?? 0) + (resident(pid)?.rss ?? 0));
      heap += (await this.source.heap()).used;
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    }
    for (const [pid, sum] of sums) this.#baseline.set(pid, sum / BASELINE_SAMPLES);
    this.#heapBaseline = heap / BASELINE_SAMPLES;
    this.#privateBaseline = ownPrivate / BASELINE_SAMPLES;
    this.#totalBaseline = [...this.#baseline.values()].reduce((a, b) => a + b, 0);
    this.#othersBaseline = this.#totalBaseline - (this.#baseline.get(this.#pageRenderer) ?? 0);
  }

  start(): void {
    this.#lastListed = Date.now();
    this.#timer = setInterval(() => this.#tick(), this.intervalMs);
  }

  /** Splits the export in two for the renderer's peaks (call before `stop`): at `at`, a `Date.now()` time. */
  mark(at: number): void {
    this.#markedAt = at;
  }

  async stop(): Promise<MemorySummary> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#tick();
    await Promise.allSettled(this.#pending);
    const known = new Map(this.#processes.map((p) => [p.pid, p]));
    const processes = [...this.#peak.entries()].map(([pid, peakBytes]) => ({
      pid,
      type: known.get(pid)?.type ?? 'exited',
      unrelated: known.get(pid)?.unrelated === true,
      baselineBytes: this.#baseline.get(pid) ?? 0,
      peakBytes,
    }));
    return {
      samples: this.#samples,
      processes: processes.sort((a, b) => b.peakBytes - a.peakBytes),
      totalBaselineBytes: this.#totalBaseline,
      totalPeakBytes: this.#totalPeak,
      othersBaselineBytes: this.#othersBaseline,
      othersPeakBytes: this.#othersPeak,
      jsHeapBaselineBytes: this.#heapBaseline,
      jsHeapPeakBytes: this.#heapPeak,
      arrayBuffersPeakBytes: this.#backingPeak,
      rendererTimelineBytes: this.#tenths(),
      rendererPeakBeforeMarkBytes: this.#peakWhere((at) => this.#markedAt === null || at < this.#markedAt),
      rendererPeakAfterMarkBytes: this.#peakWhere((at) => this.#markedAt !== null && at >= this.#markedAt),
      rendererPeakResident: this.#rendererPeak,
      rendererPrivateBaselineBytes: this.#privateBaseline,
      rendererPrivatePeakBytes: this.#privatePeak,
    };
  }

  #tick(): void {
    this.#samples++;
    let total = 0;
    let others = 0;
    for (const { pid, unrelated } of this.#processes) {
      const memory = resident(pid);
      if (memory === null) continue;
      const { rss } = memory;
      this.#peak.set(pid, Math.max(this.#peak.get(pid) ?? 0, rss));
      if (unrelated === true) continue;
      total += rss;
      if (pid !== this.#pageRenderer) others += rss;
      else {
        this.#timeline.push({ at: Date.now(), bytes: rss });
        if (rss > (this.#rendererPeak?.rss ?? 0)) this.#rendererPeak = memory;
        this.#privatePeak = Math.max(this.#privatePeak, memory.anon);
      }
    }
    this.#totalPeak = Math.max(this.#totalPeak, total);
    this.#othersPeak = Math.max(this.#othersPeak, others);
    // CDP answers between the page's tasks; skip a sample rather than queue them up.
    if (!this.#heapInFlight) {
      this.#heapInFlight = true;
      this.#track(
        this.source.heap().then((heap) => {
          this.#heapPeak = Math.max(this.#heapPeak, heap.used);
          this.#backingPeak = Math.max(this.#backingPeak, heap.backing);
        }),
        () => (this.#heapInFlight = false),
      );
    }
    if (!this.#listInFlight && Date.now() - this.#lastListed >= PROCESS_REFRESH_MS) {
      this.#listInFlight = true;
      this.#lastListed = Date.now();
      this.#track(
        this.source.processes().then((list) => {
          // Keep processes that have exited: their peaks still count.
          const seen = new Set(list.map((p) => p.pid));
          this.#processes = [...list, ...this.#processes.filter((p) => !seen.has(p.pid))];
        }),
        () => (this.#listInFlight = false),
      );
    }
  }

  #peakWhere(keep: (at: number) => boolean): number {
    return this.#timeline.reduce((peak, { at, bytes }) => (keep(at) ? Math.max(peak, bytes) : peak), 0);
  }

  #tenths(): number[] {
    const first = this.#timeline[0]?.at ?? 0;
    const span = Math.max(1, (this.#timeline.at(-1)?.at ?? 0) - first);
    const peaks = new Array<number>(10).fill(0);
    for (const { at, bytes } of this.#timeline) {
      const tenth = Math.min(9, Math.floor((10 * (at - first)) / span));
      peaks[tenth] = Math.max(peaks[tenth] ?? 0, bytes);
    }
    return peaks;
  }

  /** Keeps a sample's promise until it settles; a failed sample (page closing) is just a missing sample. */
  #track(work: Promise<void>, done: () => void): void {
    const settled = work.catch(() => undefined).finally(() => {
      done();
      this.#pending = this.#pending.filter((p) => p !== settled);
    });
    this.#pending.push(settled);
  }
}
