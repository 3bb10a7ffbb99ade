/**
 * Keeps a scorecard Y.Doc in the vault: every update (ours and those received
 * from other interviewers) is sealed and appended; loading applies them all in
 * one transaction; compaction folds the log into one snapshot. Not y-indexeddb:
 * that would store the notes in clear.
 */
import * as Y from 'yjs';
import type { NotesLog } from '../vault';

/** Updates are merged and written at most this often: typing makes many tiny updates. */
const FLUSH_MS = 100;
/** Fold the log into a snapshot once it holds this many rows. */
export const COMPACT_AT_ROWS = 200;
const VAULT_ORIGIN = Symbol('vault');

export interface Persistence {
  /** Writes what is pending and stops listening. */
  close(): Promise<void>;
  /** Folds the whole log into one snapshot now. */
  compact(): Promise<void>;
}

export async function loadInto(doc: Y.Doc, log: NotesLog): Promise<number> {
  const blobs = await log.load();
  doc.transact(() => {
    for (const blob of blobs) Y.applyUpdate(doc, blob, VAULT_ORIGIN);
  }, VAULT_ORIGIN);
  return blobs.length;
}

export async function persist(doc: Y.Doc, log: NotesLog, onError: (error: unknown) => void = () => undefined): Promise<Persistence> {
  let rows = await loadInto(doc, log);
  let pending: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Writes run one after another: the log's order is the order of the updates.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch(onError);
    return queue;
  };

  const compact = () =>
    enqueue(async () => {
      await log.compact(Y.encodeStateAsUpdate(doc), rows);
      rows = 1;
    });

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return queue;
    const batch = pending;
    pending = [];
    void enqueue(async () => {
      await log.append(Y.mergeUpdates(batch));
      rows++;
    });
    return rows + 1 >= COMPACT_AT_ROWS ? compact() : queue;
  };

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === VAULT_ORIGIN) return;
    pending.push(update);
    timer ??= setTimeout(() => void flush(), FLUSH_MS);
  };
  doc.on('update', onUpdate);
  // A closing page gets one last chance to write what is pending.
  const onPageHide = () => void flush();
  globalThis.addEventListener?.('pagehide', onPageHide);
  if (rows >= COMPACT_AT_ROWS) await compact();

  return {
    async close() {
      doc.off('update', onUpdate);
      globalThis.removeEventListener?.('pagehide', onPageHide);
      await flush();
    },
    compact: () => flush().then(compact),
  };
}
