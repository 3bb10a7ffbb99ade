/**
 * A client process, forked by the orchestrator so that client work does not
 * run in the server's process or the orchestrator's. It holds connections to
 * one server and answers the requests of protocol.ts one at a time.
 */
import { randomBytes } from 'node:crypto';
import { Fleet } from './fleet';
import { runLoad, type Pair } from './load';
import type { ReplyEnvelope, ReplyOf, RequestEnvelope, RequestName, RequestOf } from './protocol';

const fleet = new Fleet();
let pairs: Pair[] = [];

type Handlers = { [K in RequestName]: (args: RequestOf<K>) => Promise<ReplyOf<K>> };

const handlers: Handlers = {
  async connect({ url, pairs: count, concurrency, timeoutMs }) {
    const opened = await fleet.openMany({ url, count: count * 2, concurrency, timeoutMs });
    const candidates: Pair[] = [];
    for (let k = 0; k < count; k++) {
      const a = opened.indices[2 * k] ?? -1;
      const b = opened.indices[2 * k + 1] ?? -1;
      // Topics look like ours: 43-character base64url digests.
      if (a >= 0 && b >= 0) candidates.push({ a, b, topic: randomBytes(32).toString('base64url') });
    }
    for (const { a, b, topic } of candidates) {
      const subscribe = JSON.stringify({ type: 'subscribe', topics: [topic] });
      fleet.send(a, subscribe);
      fleet.send(b, subscribe);
    }
    const ready = await fleet.pingAll(
      candidates.flatMap(({ a, b }) => [a, b]),
      timeoutMs,
    );
    pairs = candidates.filter(({ a, b }) => ready.has(a) && ready.has(b));
    const { failed, errors, connectMs } = opened;
    return { opened: opened.opened, failed, errors, connectMs, readyPairs: pairs.length };
  },

  load: (args) => runLoad(fleet, pairs, args),

  async grow({ url, count, concurrency, timeoutMs }) {
    const { opened, failed, errors } = await fleet.openMany({ url, count, concurrency, timeoutMs });
    return { opened, failed, errors };
  },

  async verify({ timeoutMs }) {
    const open = fleet.openIndices();
    const alive = await fleet.pingAll(open, timeoutMs);
    return { open: open.length, alive: alive.size };
  },
};

function reply(envelope: ReplyEnvelope): void {
  process.send?.(envelope);
}

process.on('message', (message: unknown) => {
  const { id, name, args } = message as RequestEnvelope;
  const handler = handlers[name] as (args: RequestOf<RequestName>) => Promise<ReplyOf<RequestName>>;
  handler(args).then(
    (result) => reply({ id, ok: true, reply: result }),
    (error: unknown) => reply({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});

// The orchestrator is gone (it exited or crashed): take our connections with us.
process.on('disconnect', () => process.exit(0));
