/**
 * What the build tells the service worker: shared by the Vite plugin (Node),
 * the worker and the page that registers it. Types and strings only.
 */

/** The worker's file at the root of dist/app; at the root, its scope is the whole app. */
export const SERVICE_WORKER_FILE = 'sw.js';

/** The global the build defines on the first line of sw.js; the worker reads its manifest from it. */
export const MANIFEST_GLOBAL = '__CANDID_PRECACHE_MANIFEST__';

export interface PrecacheManifest {
  /** Hash of every precached file's path and bytes (and the worker's code): a new build gets a new cache. */
  readonly version: string;
  /** The URL that answers with index.html; every route of the app renders from it. */
  readonly shellUrl: string;
  /** Every file of the client build, the shell included; source maps left out. */
  readonly urls: readonly string[];
}
