/**
 * A real Chromium MediaRecorder file, fixed by src/media/webm built with Vite
 * for the browser (no Node polyfills), plays in a <video> with a finite
 * duration and seeks. The unfixed file shows the bug.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import type { SignalingServer } from '../signaling/server';
import { expect, startTestServer, test } from './fixtures/browser';

const moduleEntry = fileURLToPath(new URL('../src/media/webm/index.ts', import.meta.url));
const fixture = fileURLToPath(new URL('../tests/fixtures/recording-6s.webm', import.meta.url));
const RECORDED_SECONDS = 6;

let root: string;
let server: SignalingServer;

test.beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'candid-webm-'));
  await writeFile(
    join(root, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>webm seek</title></head><body><p id="status">loading</p><script type="module" src="./main.ts"></script></body></html>',
  );
  await writeFile(
    join(root, 'main.ts'),
    `import { makeSeekable } from ${JSON.stringify(moduleEntry)};\nObject.assign(window, { makeSeekable });\ndocument.getElementById('status')!.textContent = 'ready';\n`,
  );
  await build({ root, configFile: false, logLevel: 'error', build: { outDir: join(root, 'dist'), emptyOutDir: true } });
  server = await startTestServer(join(root, 'dist'));
});

test.afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

type Opened = { duration: number; seekable: [number, number][] };

/** Puts the recording in the page as `window.recording`, fixed or not, and opens it in a <video>. */
async function open(page: Page, fixed: boolean): Promise<Opened> {
  const base64 = (await readFile(fixture)).toString('base64');
  return page.evaluate(
    async ({ base64, fixed }) => {
      const w = window as unknown as { makeSeekable: (blob: Blob) => Promise<Blob>; video: HTMLVideoElement };
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const original = new Blob([bytes], { type: 'video/webm' });
      const blob = fixed ? await w.makeSeekable(original) : original;
      const video = document.createElement('video');
      video.muted = true;
      video.preload = 'auto';
      document.body.append(video);
      const ready = new Promise<void>((resolve, reject) => {
        video.addEventListener('loadedmetadata', () => resolve(), { once: true });
        video.addEventListener('error', () => reject(new Error(`media error ${video.error?.code}: ${video.error?.message}`)), { once: true });
      });
      video.src = URL.createObjectURL(blob);
      await ready;
      w.video = video;
      const ranges = video.seekable;
      return {
        duration: video.duration,
        seekable: Array.from({ length: ranges.length }, (_, i) => [ranges.start(i), ranges.end(i)] as [number, number]),
      };
    },
    { base64, fixed },
  );
}

/** Seeks the page's video and waits for `seeked`. */
function seek(page: Page, target: number) {
  return page.evaluate(async (target) => {
    const video = (window as unknown as { video: HTMLVideoElement }).video;
    const started = performance.now();
    const seeked = new Promise<void>((resolve) => video.addEventListener('seeked', () => resolve(), { once: true }));
    video.currentTime = target;
    await seeked;
    return { currentTime: video.currentTime, readyState: video.readyState, ms: performance.now() - started };
  }, target);
}

test('a MediaRecorder file has no duration until fixed', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await expect(page.locator('#status')).toHaveText('ready');
  const opened = await open(page, false);
  expect(opened.duration).toBe(Infinity);
  await page.close();
});

test('the fixed file has its duration, a full seekable range and seeks to the middle', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await expect(page.locator('#status')).toHaveText('ready');
  const opened = await open(page, true);

  expect(Number.isFinite(opened.duration)).toBe(true);
  expect(Math.abs(opened.duration - RECORDED_SECONDS)).toBeLessThanOrEqual(0.5);
  expect(opened.seekable).toHaveLength(1);
  expect(opened.seekable[0]![0]).toBe(0);
  expect(opened.seekable[0]![1]).toBeCloseTo(opened.duration, 1);

  const target = opened.duration / 2;
  const sought = await seek(page, target);
  expect(Math.abs(sought.currentTime - target)).toBeLessThan(0.1);
  expect(sought.readyState).toBeGreaterThanOrEqual(2); // a frame at the new position is decoded
  expect(sought.ms).toBeLessThan(2000);

  // Playback goes on from there.
  await page.evaluate(() => (window as unknown as { video: HTMLVideoElement }).video.play());
  await expect.poll(() => page.evaluate(() => (window as unknown as { video: HTMLVideoElement }).video.currentTime)).toBeGreaterThan(target + 0.3);
  await page.close();
});
