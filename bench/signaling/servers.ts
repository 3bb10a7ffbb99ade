/** The two servers under test, each started as its own process on a free port. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { stop, track } from './children';

export type ServerName = 'candid' | 'reference';

export interface ServerSpec {
  name: ServerName;
  /** Node script to run. */
  entry: string;
  /** Node and V8 flags the server is started with, as its own start script would. */
  nodeFlags: string[];
  /** WebSocket path clients connect to. */
  path: string;
  env: Record<string, string>;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const CANDID_ENTRY = join(repoRoot, 'dist/server/main.js');
const REFERENCE_ENTRY = join(repoRoot, 'node_modules/y-webrtc/bin/server.js');

/**
 * The node flags of `npm run serve` (`node <flags> dist/server/main.js`), so
 * the benchmark starts our server exactly as production does.
 */
export function serveScriptFlags(): string[] {
  const manifest: unknown = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const scripts = typeof manifest === 'object' && manifest !== null && 'scripts' in manifest ? manifest.scripts : null;
  const serve = typeof scripts === 'object' && scripts !== null && 'serve' in scripts ? scripts.serve : null;
  const words = typeof serve === 'string' ? serve.trim().split(/\s+/) : [];
  if (words[0] !== 'node') throw new Error(`package.json's serve script does not start with node: ${String(serve)}`);
  return words.slice(1).filter((word) => word.startsWith('-'));
}

export function candidSpec(entry: string, nodeFlags: string[]): ServerSpec {
  return {
    name: 'candid',
    entry,
    nodeFlags,
    path: '/signal',
    // Generous limits: the benchmark measures throughput and memory, not the abuse guards.
    env: {
      HOST: '127.0.0.1',
      MESSAGES_PER_SECOND: '100000',
      MESSAGE_BURST: '100000',
      IDLE_TIMEOUT_MS: '3600000',
    },
  };
}

const HEAP_MARKER = '@@bench-heap-used ';

/**
 * Loaded into each server before its entry: on SIGUSR2 it runs a full garbage
 * collection and reports the V8 heap still in use on stderr, so that what idle
 * connections retain can be told apart from the garbage of their handshakes.
 * Nothing else about the server changes.
 */
const HEAP_PROBE =
  'data:text/javascript,' +
  encodeURIComponent(
    'process.on("SIGUSR2", () => { globalThis.gc(); globalThis.gc(); ' +
      `process.stderr.write("${HEAP_MARKER}" + process.memoryUsage().heapUsed + "\\n"); });`,
  );

/** As its own `npm start` runs it: `node ./bin/server.js`, no flags. */
export const referenceSpec: ServerSpec = { name: 'reference', entry: REFERENCE_ENTRY, nodeFlags: [], path: '/', env: {} };

/** Builds the app and server when the server bundle is missing; warns when it is older than its sources. */
export function ensureBuilt(entry: string, log: (line: string) => void): void {
  if (entry !== CANDID_ENTRY) return;
  if (existsSync(entry)) {
    const built = statSync(entry).mtimeMs;
    const sourceDir = join(repoRoot, 'signaling');
    const sources = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' }).map((f) => join(sourceDir, f));
    if (sources.some((f) => statSync(f).mtimeMs > built)) log(`warning: ${entry} is older than signaling/; npm run build`);
    return;
  }
  log(`${entry} is missing: running npm run build`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0 || !existsSync(entry)) throw new Error('npm run build failed');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export class RunningServer {
  readonly #child: ChildProcess;
  /** The end of the server's own stderr, for error reports. */
  #stderr = '';
  #partialLine = '';
  #onHeapReport: ((heapUsed: number) => void) | null = null;

  private constructor(
    readonly spec: ServerSpec,
    readonly port: number,
  ) {
    this.#child = track(
      spawn(process.execPath, [...spec.nodeFlags, '--expose-gc', '--import', HEAP_PROBE, spec.entry], {
        env: { ...process.env, ...spec.env, PORT: String(port) },
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (chunk: string) => this.#onStderr(chunk));
  }

  #onStderr(chunk: string): void {
    const lines = (this.#partialLine + chunk).split('\n');
    this.#partialLine = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(HEAP_MARKER)) this.#onHeapReport?.(Number(line.slice(HEAP_MARKER.length)));
      else this.#stderr = (this.#stderr + line + '\n').slice(-2000);
    }
  }

  static async start(spec: ServerSpec): Promise<RunningServer> {
    const server = new RunningServer(spec, await freePort());
    await server.#waitUntilServing();
    return server;
  }

  get pid(): number {
    const pid = this.#child.pid;
    if (pid === undefined) throw new Error(`${this.spec.name} server did not start`);
    return pid;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}${this.spec.path}`;
  }

  /** Null while running; otherwise how it ended, with the end of its stderr. */
  get exit(): string | null {
    const { exitCode, signalCode } = this.#child;
    if (exitCode === null && signalCode === null) return null;
    return `${signalCode ?? `code ${exitCode}`}${this.#stderr ? `: ${this.#stderr.trim()}` : ''}`;
  }

  stop(): Promise<void> {
    return stop(this.#child);
  }

  /** Runs a full garbage collection in the server; resolves with the V8 heap still in use, in bytes. */
  heapUsedAfterGc(timeoutMs = 10_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#onHeapReport = null;
        reject(new Error(`${this.spec.name} server did not report its heap`));
      }, timeoutMs);
      this.#onHeapReport = (heapUsed) => {
        clearTimeout(timer);
        this.#onHeapReport = null;
        resolve(heapUsed);
      };
      this.#child.kill('SIGUSR2');
    });
  }

  async #waitUntilServing(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exit !== null) throw new Error(`${this.spec.name} server exited: ${this.exit}`);
      if (await this.#answers()) return;
      await sleep(50);
    }
    throw new Error(`${this.spec.name} server did not answer on port ${this.port}`);
  }

  #answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const request = get({ host: '127.0.0.1', port: this.port, path: '/healthz', timeout: 1000 }, (response) => {
        response.resume();
        resolve(true);
      });
      request.once('error', () => resolve(false));
      request.once('timeout', () => request.destroy());
    });
  }
}
