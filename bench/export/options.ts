/** Benchmark parameters from command-line flags. */
import { parseFlags, positive, UsageError } from './harness';
import type { ExportSink } from './page-api';
import { SLICE_BYTES } from './synthetic-webm';

export interface BenchParams {
  /** Target recording size in bytes (the recording ends at the first whole loop past it). */
  targetBytes: number;
  sliceBytes: number;
  /** Interval of the RSS and heap samples during the export. */
  sampleMs: number;
  /** Records a CPU profile of the export and prints where the time went. */
  profile: boolean;
  /** Bytes of the stored recording over which each export stage is timed on its own after the export; 0 for none. */
  stageBytes: number;
  sink: ExportSink;
  /** Interval of Chromium memory-infra dumps of the page renderer during the export; null for none. */
  allocatorDumpMs: number | null;
}

export const usage = [
  'Usage: npm run bench:export -- [flags]',
  '',
  '  --size-mb N     recording size in MiB (default 1024, i.e. 1 GiB)',
  `  --slice-kb N    slice size in kB of 1000 bytes (default ${SLICE_BYTES / 1000}: one second at 2.5 Mbit/s + 128 kbit/s)`,
  '  --sample-ms N   memory sampling interval during the export (default 100)',
  '  --profile       also record a CPU profile of the export and print the top functions',
  '  --sink null     export into a sink that drops the bytes instead of a private-file-system file',
  '  --allocators    also dump the page renderer\'s allocators (malloc, PartitionAlloc, V8, Oilpan) every 10 s of the export',
  '  --stages        after the export, time each of its stages alone over the first 100 MiB of the recording',
  '',
  'Rates are in MB/s (10^6 bytes); memory in MB (10^6 bytes).',
].join('\n');

/** Parses flags; null when --help was asked for. */
export function readParams(argv: string[]): BenchParams | null {
  const values = parseFlags(argv, {
    'size-mb': { type: 'string' },
    'slice-kb': { type: 'string' },
    'sample-ms': { type: 'string' },
    profile: { type: 'boolean' },
    stages: { type: 'boolean' },
    sink: { type: 'string' },
    allocators: { type: 'boolean' },
  });
  if (values.help === true) return null;
  const sink = values.sink ?? 'opfs';
  if (sink !== 'opfs' && sink !== 'null') throw new UsageError(`--sink takes opfs or null, got "${sink}"`);
  return {
    targetBytes: Math.round(positive('size-mb', values['size-mb'], 1024) * 2 ** 20),
    sliceBytes: Math.round(positive('slice-kb', values['slice-kb'], SLICE_BYTES / 1000) * 1000),
    sampleMs: positive('sample-ms', values['sample-ms'], 100),
    profile: values.profile === true,
    stageBytes: values.stages === true ? 100 * 2 ** 20 : 0,
    sink,
    allocatorDumpMs: values.allocators === true ? 10_000 : null,
  };
}
