/** Two real y-webrtc providers in two browser contexts sync a Y.Doc through our server (not y-webrtc's public one). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import type { SignalingServer } from '../signaling/server';
import { expect, startTestServer, test } from './fixtures/browser';

type YTest = { insert(value: string): void; read(): string; peers(): number };
const yTest = (page: Page) => ({
  insert: (value: string) => page.evaluate((v) => (window as unknown as { yTest: YTest }).yTest.insert(v), value),
  read: () => page.evaluate(() => (window as unknown as { yTest: YTest }).yTest.read()),
  peers: () => page.evaluate(() => (window as unknown as { yTest: YTest }).yTest.peers()),
});

let outDir: string;
let server: SignalingServer;

test.beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'candid-ywebrtc-'));
  await build({
    root: fileURLToPath(new URL('./fixtures/ywebrtc', import.meta.url)),
    configFile: false,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  server = await startTestServer(outDir);
});

test.afterAll(async () => {
  await server.close();
  await rm(outDir, { recursive: true, force: true });
});

test('y-webrtc providers sync a Y.Doc through our signaling server', async ({ browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [alice, bob] = await Promise.all(contexts.map((c) => c.newPage()));
  const url = `${server.url}/?room=scorecard-test&password=correct-horse`;
  for (const page of [alice!, bob!]) {
    await page.goto(url);
    await expect(page.locator('#status')).toHaveText('ready');
  }
  await expect.poll(() => yTest(alice!).peers()).toBe(1);
  await yTest(alice!).insert('Strong system design. ');
  await yTest(bob!).insert('Clear communicator.');
  await expect.poll(() => yTest(bob!).read()).toContain('Strong system design.');
  await expect.poll(() => yTest(alice!).read()).toContain('Clear communicator.');
  expect(await yTest(alice!).read()).toBe(await yTest(bob!).read());
  expect(server.metrics.messages.publish).toBeGreaterThan(0);
  for (const context of contexts) await context.close();
});
