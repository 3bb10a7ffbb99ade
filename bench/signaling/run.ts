/**
 * `npm run bench:signaling`: the same load against our signaling server and
 * y-webrtc's reference bin/server.js, one after the other in one run. Prints
 * a table on stderr and one JSON line on stdout. Not a test: it never fails on
 * the figures.
 */
import { performance } from 'node:perf_hooks';
import { readParams, usage, UsageError } from './options';
import { jsonLine, table } from './report';
import { measureServer, type ServerResult } from './scenario';
import { candidSpec, ensureBuilt, referenceSpec, type ServerName } from './servers';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
  const params = readParams(process.argv.slice(2));
  if (params === null) {
    log(usage);
    return;
  }
  if (params.servers.includes('candid')) ensureBuilt(params.candidEntry, log);
  const specs = { candid: candidSpec(params.candidEntry, params.candidNodeFlags), reference: referenceSpec };
  for (const name of params.servers) log(`${name}: node ${[...specs[name].nodeFlags, specs[name].entry].join(' ')}`);
  const started = performance.now();
  const results: Partial<Record<ServerName, ServerResult>> = {};
  for (const name of params.servers) results[name] = await measureServer(specs[name], params, log);
  log('');
  log(table(results));
  process.stdout.write(jsonLine(results, params, performance.now() - started) + '\n');
}

main().catch((error: unknown) => {
  log(error instanceof UsageError ? `${error.message}\n\n${usage}` : String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
