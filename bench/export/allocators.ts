/**
 * What the page renderer's memory is made of, from Chromium's own
 * accounting: memory-infra dumps (the data behind chrome://tracing's memory
 * view) requested over CDP at chosen moments. Opt-in, since a detailed dump
 * walks the heaps and costs the page a little time.
 */
import type { CDPSession } from '@playwright/test';

/** Allocators worth a column, by their memory-infra names. */
const ALLOCATORS = {
  malloc: 'malloc',
  partitionAlloc: 'partition_alloc',
  arrayBuffers: 'partition_alloc/partitions/array_buffer',
  blinkBuffers: 'partition_alloc/partitions/buffer',
  v8: 'v8',
  blinkGc: 'blink_gc',
} as const;

export type AllocatorName = keyof typeof ALLOCATORS;

export interface AllocatorSnapshot {
  label: string;
  /** Bytes per allocator, as the dump's `size` attribute says. */
  bytes: Record<AllocatorName, number>;
}

interface DumpEvent {
  ph: string;
  pid: number;
  args: { dumps: { allocators: Record<string, { attrs?: { size?: { value?: string } } }> } };
}

function isDumpEvent(value: unknown): value is DumpEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as { ph?: unknown; pid?: unknown; args?: { dumps?: { allocators?: unknown } } };
  return event.ph === 'v' && typeof event.pid === 'number' && typeof event.args?.dumps?.allocators === 'object';
}

export class AllocatorDumps {
  readonly #events: unknown[] = [];
  readonly #labels: string[] = [];
  readonly #collect = (payload: { value: unknown[] }) => void this.#events.push(...payload.value);

  constructor(
    /** The browser target's session: tracing covers every process. */
    private readonly session: CDPSession,
    private readonly pid: number,
  ) {}

  async start(): Promise<void> {
    this.session.on('Tracing.dataCollected', this.#collect);
    await this.session.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: ['disabled-by-default-memory-infra'],
        excludedCategories: ['*'],
        // No periodic dumps, only ours. The protocol types this field as a string map; Chromium reads it as JSON.
        memoryDumpConfig: { triggers: [] } as unknown as Record<string, string>,
      },
    });
  }

  /** Dumps now; dumps land in order, so labels pair with them by position. */
  async dump(label: string): Promise<void> {
    const { success } = await this.session.send('Tracing.requestMemoryDump', { deterministic: false, levelOfDetail: 'detailed' });
    if (success) this.#labels.push(label);
  }

  async finish(): Promise<AllocatorSnapshot[]> {
    const complete = new Promise<void>((resolve) => this.session.once('Tracing.tracingComplete', () => resolve()));
    await this.session.send('Tracing.end');
    await complete;
    this.session.off('Tracing.dataCollected', this.#collect);
    const dumps = this.#events.filter(isDumpEvent).filter((event) => event.pid === this.pid);
    return dumps.map((event, i) => {
      const { allocators } = event.args.dumps;
      const size = (name: string) => parseInt(allocators[name]?.attrs?.size?.value ?? '0', 16);
      const bytes = Object.fromEntries(Object.entries(ALLOCATORS).map(([key, name]) => [key, size(name)])) as Record<AllocatorName, number>;
      return { label: this.#labels[i] ?? `dump ${i + 1}`, bytes };
    });
  }
}
