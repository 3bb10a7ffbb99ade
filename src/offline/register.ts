import { SERVICE_WORKER_FILE } from './precache-manifest';

/**
 * Installs the offline shell (/sw.js) once the page has loaded, so its
 * precaching never competes with the first render. Browsers without service
 * workers (or plain http off localhost) simply stay online-only.
 */
export function registerOfflineShell(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register(import.meta.env.BASE_URL + SERVICE_WORKER_FILE).catch((error: unknown) => {
      // Only the error's name: messages can quote URLs, and the app works without the worker.
      console.warn('Offline shell not installed:', error instanceof Error ? error.name : typeof error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
