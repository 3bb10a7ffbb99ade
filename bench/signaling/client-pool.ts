/** The orchestrator's side of the client processes: fork them, send requests, gather replies. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stop, track } from './children';
import type { ReplyEnvelope, ReplyOf, RequestEnvelope, RequestName, RequestOf } from './protocol';

const workerPath = fileURLToPath(new URL('./client-worker.ts', import.meta.url));

interface Pending {
  resolve(reply: ReplyOf<RequestName>): void;
  reject(error: Error): void;
}

export class ClientWorker {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;

  constructor() {
    // The fork inherits process.execArgv, which carries tsx's loader when run through tsx.
    this.#child = track(fork(workerPath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    this.#child.on('message', (message) => {
      const envelope = message as ReplyEnvelope;
      const pending = this.#pending.get(envelope.id);
      if (pending === undefined) return;
      this.#pending.delete(envelope.id);
      if (envelope.ok) pending.resolve(envelope.reply);
      else pending.reject(new Error(`client worker: ${envelope.error}`));
    });
    this.#child.once('exit', (code, signal) => {
      const error = new Error(`client worker exited (${signal ?? `code ${code}`})`);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    });
  }

  request<K extends RequestName>(name: K, args: RequestOf<K>): Promise<ReplyOf<K>> {
    const id = this.#nextId++;
    const envelope: RequestEnvelope<K> = { id, name, args };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (reply: ReplyOf<RequestName>) => void, reject });
      this.#child.send(envelope);
    });
  }

  stop(): Promise<void> {
    return stop(this.#child, 500);
  }
}

/** Splits `total` into `parts` near-equal whole shares. */
export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}
