/// <reference lib="webworker" />
/**
 * The offline shell (built to /sw.js by vite-plugin.ts). It keeps one build of
 * the app in Cache Storage so a candidate who lost the network can reload, unlock
 * the vault and carry on. It caches nothing at run time, only the build's own
 * files as listed at build time; it leaves /config.json, /healthz, /metrics and
 * the signaling WebSocket to the network.
 */
import type { PrecacheManifest } from './precache-manifest';

declare const self: ServiceWorkerGlobalScope;
/** This build's file list, defined above the worker's code by the Vite plugin (see MANIFEST_GLOBAL). */
declare const __CANDID_PRECACHE_MANIFEST__: PrecacheManifest;

const manifest = __CANDID_PRECACHE_MANIFEST__;
const CACHE_PREFIX = 'candid-shell-';
const cacheName = CACHE_PREFIX + manifest.version;
const precachedPaths = new Set(manifest.urls);
/** A reachable server answers at once; past this a candidate on a dying link gets the cached shell. */
const NAVIGATION_TIMEOUT_MS = 3_000;

self.addEventListener('install', (event) => {
  // Waiting would leave the page that registered us uncontrolled until every tab closed.
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(deleteOlderShells().then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Every route (/join, /interviews, /review, ...) renders from index.html.
  if (request.mode === 'navigate') event.respondWith(networkFirst(request));
  // Hashed names never change content; the unhashed rest is versioned with the cache.
  else if (precachedPaths.has(url.pathname)) event.respondWith(cacheFirst(request));
});

async function precache(): Promise<void> {
  const cache = await caches.open(cacheName);
  // `reload` skips the HTTP cache, which may still hold the previous build's index.html.
  await cache.addAll(manifest.urls.map((url) => new Request(url, { cache: 'reload' })));
}

async function deleteOlderShells(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== cacheName).map((name) => caches.delete(name)));
}

/** The network's page while it answers (a new build shows at once), else this build's shell. */
async function networkFirst(request: Request): Promise<Response> {
  try {
    return await Promise.race([fetch(request), rejectAfter(NAVIGATION_TIMEOUT_MS)]);
  } catch {
    // Offline, refused or too slow: the cached shell is the answer.
    return (await caches.match(manifest.shellUrl, { cacheName })) ?? Response.error();
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName })) ?? fetch(request);
}

function rejectAfter(ms: number): Promise<never> {
  return new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms));
}
