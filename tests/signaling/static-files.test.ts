import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignalingServer } from '../../signaling/server';
import { testServer } from './helpers';

let server: SignalingServer | undefined;
afterEach(async () => server?.close());

/** A built app in miniature: the shell, one hashed asset and the service worker. */
async function serveBuiltApp(): Promise<SignalingServer> {
  const root = await mkdtemp(join(tmpdir(), 'candid-static-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<h1>app</h1>');
  await writeFile(join(root, 'assets', 'index-abc123.js'), 'export {}');
  await writeFile(join(root, 'sw.js'), 'var manifest = {};');
  return testServer({}, root);
}

describe('the offline shell over http', () => {
  it('serves /sw.js as JavaScript the browser must revalidate on every update check', async () => {
    server = await serveBuiltApp();
    const response = await fetch(server.url + '/sw.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // A cached worker script would keep a new build's worker from ever installing.
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('var manifest = {};');
  });

  it('keeps the shell revalidated and hashed assets immutable', async () => {
    server = await serveBuiltApp();
    expect((await fetch(server.url + '/')).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(server.url + '/assets/index-abc123.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing worker with 404, not with index.html', async () => {
    server = await testServer({}, await mkdtemp(join(tmpdir(), 'candid-static-')));
    const response = await fetch(server.url + '/sw.js');
    expect(response.status).toBe(404);
  });
});
