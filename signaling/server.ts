/**
 * One HTTP server: the built app, `/healthz`, `/metrics`, `/config.json`, and
 * the signaling WebSocket at `/signal`. It holds no state beyond the open
 * connections and never looks at what clients publish.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CloseCode } from '../src/net/signaling-messages';
import { monotonicMs } from './clock';
import type { ServerConfig } from './config';
import { Connection, type ConnectionContext } from './connection';
import { Metrics } from './metrics';
import { Rooms } from './rooms';
import { createStaticHandler, securityHeaders } from './static-files';
import { completeHandshake, refuse } from './websocket/handshake';
import { WebSocketTransport, type TransportOptions } from './websocket/transport';

export const SIGNAL_PATH = '/signal';

export interface SignalingServer {
  /** Base http URL, e.g. `http://localhost:8787`. */
  readonly url: string;
  readonly port: number;
  readonly metrics: Metrics;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig): Promise<SignalingServer> {
  const { limits } = config;
  const metrics = new Metrics();
  const rooms = new Rooms(limits.maxSubscribersPerTopic);
  const connections = new Set<Connection>();
  const serveStatic = config.staticDir === null ? null : createStaticHandler(config.staticDir);
  const clientConfig = JSON.stringify({ iceServers: config.iceServers });

  const transportOptions: TransportOptions = { maxMessageBytes: limits.maxFrameBytes };
  const context: ConnectionContext = { rooms, limits, metrics, onClosed: (closed) => connections.delete(closed) };

  const http = createServer((request, response) => {
    handleHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url?.split('?')[0] ?? '/';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    } else if (path === '/healthz') {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}\n');
    } else if (path === '/metrics') {
      const text = metrics.render({ connections: connections.size, topics: rooms.topicCount });
      response.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' }).end(text);
    } else if (path === SIGNAL_PATH) {
      // A plain GET, or an upgrade Node did not recognise (no `Connection: Upgrade`).
      const headers = { Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Content-Type': 'text/plain', Connection: 'close' };
      response.writeHead(426, headers).end('WebSocket upgrade required\n');
    } else if (path === '/config.json') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' }).end(clientConfig);
    } else if (serveStatic !== null) {
      try {
        await serveStatic(request, response);
      } catch (error) {
        if (!(error instanceof URIError)) throw error;
        response.writeHead(400, securityHeaders).end('Bad request\n');
      }
    } else {
      response.writeHead(404).end();
    }
  }

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands every upgrade a net.Socket; anything else is not ours to frame.
    if (!(socket instanceof Socket)) return socket.destroy();
    if (request.url?.split('?')[0] !== SIGNAL_PATH) return refuse(socket, 404, 'Not found');
    if (!completeHandshake(request, socket)) return;
    // The transport owns the socket's errors from here; its listeners are shared by all connections.
    metrics.connectionsTotal++;
    const transport = new WebSocketTransport(socket, transportOptions);
    const connection = new Connection(transport, context, monotonicMs());
    connections.add(connection);
    transport.open(connection, head);
  });

  // One sweep for all connections instead of a timer each: cheaper at tens of thousands.
  const sweep = setInterval(() => {
    const now = monotonicMs();
    for (const connection of connections) connection.checkIdle(now);
  }, Math.max(250, Math.floor(limits.idleTimeoutMs / 4)));
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}`,
    port,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        for (const connection of connections) connection.close(CloseCode.goingAway, 'server shutting down');
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
