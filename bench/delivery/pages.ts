/**
 * The bench page: built with Vite, served from the host end of a namespace
 * of its own by our server, and opened by a Chromium inside each
 * participant's namespace (TestNetwork.launchChromium). Its contexts are
 * Playwright's off-the-record ones, as in the e2e tests: IndexedDB lives in
 * memory there, so a store costs less than on a disk.
 */
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Namespace, TestNetwork } from '../../e2e/fixtures/netns';
import { BENCH_GLOBAL, type DeliveryBench } from './page-api';

const PAGE_LOAD_TIMEOUT_MS = 20_000;

export async function buildPage(outDir: string): Promise<void> {
  await build({ root: fileURLToPath(new URL('./page', import.meta.url)), configFile: false, logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

export interface BenchPage {
  page: Page;
  version: string;
  /** Calls a method of `window.deliveryBench` in this page. */
  call<K extends keyof DeliveryBench>(method: K, ...args: Parameters<DeliveryBench[K]>): Promise<Awaited<ReturnType<DeliveryBench[K]>>>;
}

/** Chromium in `ns` with the bench page open; TestNetwork closes the browser in its clean-up. */
export async function openBenchPage(network: TestNetwork, ns: Namespace, origin: string): Promise<BenchPage> {
  const browser = await network.launchChromium(ns, origin);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction((name) => name in window, BENCH_GLOBAL, { timeout: PAGE_LOAD_TIMEOUT_MS });
  const call: BenchPage['call'] = (method, ...args) =>
    page.evaluate(
      ({ name, method, args }) => {
        const bench = (window as unknown as Record<string, DeliveryBench | undefined>)[name];
        if (bench === undefined) throw new Error('the bench page did not load');
        return (bench[method] as unknown as (...values: unknown[]) => unknown)(...args);
      },
      { name: BENCH_GLOBAL, method, args: args as unknown[] },
    ) as never;
  return { page, version: browser.version(), call };
}
