/** Benchmark parameters from command-line flags. */
import { parseFlags, positive, wholeNumber } from '../export/harness';
import { SLICE_BYTES } from '../export/synthetic-webm';

export interface BenchParams {
  /** Backlog to deliver, in bytes. */
  backlogBytes: number;
  sliceBytes: number;
  /** The candidate link's rate, each way. */
  rateMbit: number;
  /** How long each of the two cuts lasts. */
  cutMs: number;
  /** Added to each direction of the candidate link (0: none). */
  delayMs: number;
}

export const usage = [
  'Usage: npm run bench:delivery -- [flags]      (as root: network namespaces)',
  '',
  '  --mb N       backlog in MB of 10^6 bytes (default 200)',
  `  --slice-kb N slice size in kB of 1000 bytes (default ${SLICE_BYTES / 1000}: one second at 2.5 Mbit/s + 128 kbit/s)`,
  '  --rate N     candidate link rate in Mbit/s, each way (default 20)',
  '  --cut-s N    length of each of the two cuts in seconds (default 5)',
  '  --delay-ms N delay added each way on the candidate link, whole ms (default 50, as issue 7 asks; 0 for none)',
].join('\n');

/** Parses flags; null when --help was asked for. */
export function readParams(argv: string[]): BenchParams | null {
  const values = parseFlags(argv, {
    mb: { type: 'string' },
    'slice-kb': { type: 'string' },
    rate: { type: 'string' },
    'cut-s': { type: 'string' },
    'delay-ms': { type: 'string' },
  });
  if (values.help === true) return null;
  return {
    backlogBytes: Math.round(positive('mb', values.mb, 200) * 1e6),
    sliceBytes: Math.round(positive('slice-kb', values['slice-kb'], SLICE_BYTES / 1000) * 1000),
    rateMbit: positive('rate', values.rate, 20),
    cutMs: Math.round(positive('cut-s', values['cut-s'], 5) * 1000),
    delayMs: wholeNumber('delay-ms', values['delay-ms'], 50),
  };
}
