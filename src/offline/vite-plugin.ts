/**
 * Build half of the offline shell; runs in Node and only vite.config.ts imports
 * it. In the client build it bundles service-worker.ts to /sw.js and defines,
 * above the worker's code, the list of every file the build emitted (index.html
 * as the shell URL, public/ included, source maps left out) with a version
 * hashed from those files: each build gets its own cache and drops the last.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ResolvedConfig, Rolldown } from 'vite';
import { MANIFEST_GLOBAL, SERVICE_WORKER_FILE, type PrecacheManifest } from './precache-manifest.js';

const workerSource = fileURLToPath(new URL('./service-worker.ts', import.meta.url));

interface BuiltFile {
  url: string;
  content: string | Uint8Array;
}

export function offlineShell(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'candid:offline-shell',
    // The app's build only: not the dev server (no worker there) nor the server's SSR build.
    apply: (_config, env) => env.command === 'build' && env.isSsrBuild !== true,
    // After Vite's own plugins, so index.html is already in the bundle.
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: workerSource, fileName: SERVICE_WORKER_FILE });
    },
    async generateBundle(_options, bundle) {
      const worker = bundle[SERVICE_WORKER_FILE];
      if (worker?.type !== 'chunk' || !worker.code.includes(MANIFEST_GLOBAL)) {
        throw new Error(`${SERVICE_WORKER_FILE} was not built or no longer reads ${MANIFEST_GLOBAL}`);
      }
      const files = [...bundledFiles(bundle, config.base), ...(await publicFiles(config))].sort((a, b) => (a.url < b.url ? -1 : 1));
      const manifest: PrecacheManifest = {
        version: versionOf(files, worker.code),
        shellUrl: config.base,
        urls: files.map((file) => file.url),
      };
      // On a line of its own above the code, so the source map only moves down a line.
      worker.code = `var ${MANIFEST_GLOBAL} = ${JSON.stringify(manifest)};\n${worker.code}`;
      const map = bundle[`${SERVICE_WORKER_FILE}.map`];
      if (map?.type === 'asset' && typeof map.source === 'string') map.source = prependEmptyLine(map.source);
    },
  };
}

function bundledFiles(bundle: Rolldown.OutputBundle, base: string): BuiltFile[] {
  return Object.values(bundle)
    .filter((output) => output.fileName !== SERVICE_WORKER_FILE && !output.fileName.endsWith('.map'))
    .map((output) => ({
      url: output.fileName === 'index.html' ? base : base + output.fileName,
      content: output.type === 'chunk' ? output.code : output.source,
    }));
}

/** public/ is copied beside the bundle without passing through it (favicon, web manifest). */
async function publicFiles(config: ResolvedConfig): Promise<BuiltFile[]> {
  if (config.publicDir === '' || !config.build.copyPublicDir) return [];
  const entries = await readdir(config.publicDir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        return { url: config.base + relative(config.publicDir, path).split(sep).join('/'), content: await readFile(path) };
      }),
  );
}

/** In a source map's `mappings`, `;` starts the next generated line. */
function prependEmptyLine(sourceMap: string): string {
  const parsed = JSON.parse(sourceMap) as { mappings: string };
  return JSON.stringify({ ...parsed, mappings: ';' + parsed.mappings });
}

/** Hashes bytes, not only names: index.html and public/ keep their names across builds. */
function versionOf(files: readonly BuiltFile[], workerCode: string): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.url).update('\0').update(file.content).update('\0');
  return hash.update(workerCode).digest('hex').slice(0, 16);
}
