/**
 * The offline shell: a service worker that keeps the built app so a reload
 * works without the network. The page only registers it; service-worker.ts and
 * vite-plugin.ts are entry points of other programs (the worker, the build).
 */
export { registerOfflineShell } from './register';
