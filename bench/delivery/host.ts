/**
 * What the runner reads or changes on the host beside TestNetwork
 * (e2e/fixtures/netns.ts): leftovers of killed runs, the bytes the candidate
 * puts on its link, and the token bucket's own counters.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { orphaned, type Namespace } from '../../e2e/fixtures/netns';

const COMMAND_TIMEOUT_MS = 10_000;

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: COMMAND_TIMEOUT_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * Removes namespaces and veths left by killed runs. A namespace with a
 * process still inside is reported, not touched: that process is not ours
 * to end. Returns what it removed and what it left.
 */
export async function removeLeftovers(): Promise<{ removed: string[]; kept: string[] }> {
  const removed: string[] = [];
  const kept: string[] = [];
  const namespaces = (await run('ip', ['netns', 'list'])).split('\n').map((line) => line.split(' ')[0] ?? '');
  for (const name of namespaces.filter(orphaned)) {
    const pids = (await run('ip', ['netns', 'pids', name])).trim();
    if (pids !== '') {
      kept.push(`${name} (processes ${pids.split('\n').join(', ')})`);
      continue;
    }
    await run('ip', ['link', 'del', `${name}h`]).catch(() => undefined);
    await run('ip', ['netns', 'del', name]);
    removed.push(name);
  }
  for (const [, device] of (await run('ip', ['-o', 'link', 'show'])).matchAll(/^\d+: ([^:@\s]+)/gm)) {
    if (device === undefined || !orphaned(device)) continue;
    await run('ip', ['link', 'del', device]).catch(() => undefined);
    removed.push(device);
  }
  return { removed, kept };
}

/** Our `cnd-` namespaces still present (after the clean-up: none). */
export async function namespacesOf(prefix: string): Promise<string[]> {
  return (await run('ip', ['netns', 'list']))
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(prefix));
}

/** Bytes the candidate has sent on its link: received on the host end of its veth pair (Ethernet frames, as tbf counts them). */
export async function wireBytes(ns: Namespace): Promise<number> {
  return Number(await readFile(`/sys/class/net/${ns.hostDevice}/statistics/rx_bytes`, 'utf8'));
}

/** The candidate side's token bucket: packets it dropped and times it held packets back. */
export async function bucketCounters(ns: Namespace): Promise<{ dropped: number; overlimits: number; sentBytes: number }> {
  const text = await run('ip', ['netns', 'exec', ns.name, 'tc', '-s', 'qdisc', 'show', 'dev', 'veth0']);
  const figure = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
  return { sentBytes: figure(/Sent (\d+) bytes/), dropped: figure(/dropped (\d+)/), overlimits: figure(/overlimits (\d+)/) };
}
