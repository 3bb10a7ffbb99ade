/**
 * The offline shell: once the service worker controls a page, the app reloads
 * with the server shut down (every request refused, not merely throttled),
 * unlocks the vault and shows what the vault holds.
 */
import type { Page, Response } from '@playwright/test';
import { expect, test } from './fixtures/browser';
import { createInterview, openWithVault, passVaultGate, pressJoin } from './fixtures/interview';

/** Resolves once the worker has precached this build and controls the page. */
async function waitForOfflineShell(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Every URL in Cache Storage, with the cache names, read from the page. */
async function cacheContents(page: Page): Promise<{ names: string[]; urls: string[] }> {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const name of names) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return { names, urls };
  });
}

/** Runs `action` and returns every response the page received meanwhile. */
async function responsesDuring(page: Page, action: () => Promise<unknown>): Promise<Response[]> {
  const responses: Response[] = [];
  const collect = (response: Response) => responses.push(response);
  page.on('response', collect);
  await action();
  page.off('response', collect);
  return responses;
}

async function expectServerGone(url: string): Promise<void> {
  await expect(fetch(url + '/healthz')).rejects.toThrow();
}

test('a candidate reloads their interview link with the server gone, unlocks, and can still press Join', async ({ newParticipant, server }) => {
  const interviewer = await newParticipant();
  const { candidateLink } = await createInterview(interviewer.page, 'Noor Halvorsen', 'Line Technician');
  const candidate = await newParticipant();
  await openWithVault(candidate.page, candidateLink);
  await expect(candidate.page.getByRole('button', { name: 'Join interview' })).toBeVisible();
  await waitForOfflineShell(candidate.page);

  await server.close();
  await expectServerGone(server.url);
  const responses = await responsesDuring(candidate.page, () => candidate.page.reload());

  // The document and everything it loaded came from the worker.
  expect(responses.map((r) => new URL(r.url()).pathname)).toContain('/join');
  expect(responses.filter((r) => !r.fromServiceWorker()).map((r) => r.url())).toEqual([]);
  await expect(candidate.page.getByRole('heading', { name: 'Unlock Candid' })).toBeVisible();
  await passVaultGate(candidate.page);
  await expect(candidate.page.getByRole('heading', { name: 'Your interview' })).toBeVisible();

  // /config.json is refused: joining goes on without ICE servers, and the room waits for the server to come back.
  await pressJoin(candidate.page);
  await expect(candidate.page.getByRole('status').filter({ hasText: 'Waiting for the interviewer…' })).toBeVisible();
  await expect(candidate.page.getByTestId('self').locator('video')).toHaveJSProperty('paused', false);
});

test('the interviews list reloads with the server gone, and the cache holds the build, never the server’s endpoints', async ({ newParticipant, server }) => {
  const { page } = await newParticipant();
  await createInterview(page, 'Ilse Marangoni', 'Hydrologist');
  await waitForOfflineShell(page);

  // Requested through the worker while online: it must pass them on without keeping them.
  const endpoints = ['/config.json', '/healthz', '/metrics'];
  const statuses = await page.evaluate((paths) => Promise.all(paths.map(async (path) => (await fetch(path)).status)), endpoints);
  expect(statuses).toEqual([200, 200, 200]);
  const assets = await page.evaluate(() => [
    ...Array.from(document.querySelectorAll('script[src]'), (script) => new URL((script as HTMLScriptElement).src).pathname),
    ...Array.from(document.querySelectorAll('link[rel="stylesheet"]'), (link) => new URL((link as HTMLLinkElement).href).pathname),
  ]);
  expect(assets.length).toBeGreaterThan(1);
  const cache = await cacheContents(page);
  expect(cache.names).toEqual([expect.stringMatching(/^candid-shell-[0-9a-f]{16}$/)]);
  expect(cache.urls).toEqual(expect.arrayContaining(['/', '/favicon.svg', ...assets]));
  for (const path of [...endpoints, '/signal', '/sw.js']) expect(cache.urls).not.toContain(path);

  await server.close();
  await expectServerGone(server.url);
  const responses = await responsesDuring(page, () => page.goto('/interviews'));

  expect(responses.filter((r) => !r.fromServiceWorker()).map((r) => r.url())).toEqual([]);
  await expect(page.getByRole('heading', { name: 'Unlock Candid' })).toBeVisible();
  await passVaultGate(page);
  await expect(page.getByRole('heading', { name: 'Interviews' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Ilse Marangoni\s+Hydrologist/ })).toBeVisible();
});
