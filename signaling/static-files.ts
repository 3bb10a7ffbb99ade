/** Serves the built app: hashed assets cached for good, every other path falls back to index.html. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Headers on every page: the app needs camera and microphone, nothing from other origins. */
export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; connect-src 'self' ws: wss:; media-src 'self' blob:; img-src 'self' data: blob:; " +
    "style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self)',
};

async function fileAt(path: string): Promise<{ path: string; size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    // Missing or unreadable: the caller falls back to index.html or 404.
    return null;
  }
}

export function createStaticHandler(root: string) {
  const base = normalize(root + sep);
  return async function serveStatic(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const requested = normalize(join(base, pathname));
    const inside = requested.startsWith(base);
    const asset = inside ? await fileAt(requested) : null;
    // Routes such as /join have no extension and render the app; a missing /x.js is a real 404.
    const file = asset ?? (extname(pathname) === '' ? await fileAt(join(base, 'index.html')) : null);
    if (file === null) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const immutable = file.path.startsWith(join(base, 'assets') + sep);
    response.writeHead(200, {
      ...securityHeaders,
      'Content-Type': contentTypes[extname(file.path)] ?? 'application/octet-stream',
      'Content-Length': file.size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file.path).pipe(response);
  };
}
