/** Entry point: `node dist/server/main.js` serves the app and signaling on one port. */
import { fileURLToPath } from 'node:url';
import { ConfigError, readConfig } from './config';
import { startServer } from './server';

// Built to dist/server/main.js; the app sits beside it in dist/app.
const builtApp = fileURLToPath(new URL('../app', import.meta.url));

async function main(): Promise<void> {
  const config = readConfig(process.env, builtApp);
  const server = await startServer(config);
  console.log(`Candid is running at ${server.url}`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
