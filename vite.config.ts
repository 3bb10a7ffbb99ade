import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
// With `.js`: Vite's native config loader, its planned default, needs an extension on local imports.
import { offlineShell } from './src/offline/vite-plugin.js';

// One config for the app (dist/app), the server bundle (`vite build --ssr`, dist/server) and vitest.
// Unit tests cover pure modules in Node; the Solid plugin would resolve packages (ws) to their browser builds.
export default defineConfig(({ isSsrBuild }) => ({
  plugins: process.env.VITEST ? [] : [solid(), offlineShell()],
  build: isSsrBuild
    ? {
        outDir: 'dist/server',
        copyPublicDir: false,
        emptyOutDir: true,
        target: 'node20',
        rollupOptions: { input: { main: 'signaling/main.ts', verify: 'src/cli/verify.ts' }, output: { entryFileNames: '[name].js' } },
      }
    : { outDir: 'dist/app', emptyOutDir: true, target: 'es2022', sourcemap: true },
  // `npm run dev` serves the app with hot reload; signaling comes from `npm run serve` on 8787.
  server: {
    port: 5173,
    proxy: { '/signal': { target: 'ws://localhost:8787', ws: true }, '/config.json': 'http://localhost:8787' },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
}));
