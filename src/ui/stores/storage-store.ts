/**
 * Free space and persistence, for warnings before a recording runs out of
 * room. Persistent storage keeps the browser from evicting recordings when
 * the disk fills.
 */
import { createSignal, onCleanup } from 'solid-js';

/** A full-quality recording uses about 1.2 GB an hour (2.5 Mbit/s video, 128 kbit/s audio). */
export const BYTES_PER_MINUTE = ((2_500_000 + 128_000) / 8) * 60;
/** Below this, warn: less than about half an hour of recording is left. */
export const LOW_SPACE_BYTES = 30 * BYTES_PER_MINUTE;

export interface StorageState {
  persisted: boolean | null;
  freeBytes: number | null;
  usedBytes: number | null;
}

export function createStorageStore(refreshMs = 30_000) {
  const [state, setState] = createSignal<StorageState>({ persisted: null, freeBytes: null, usedBytes: null });

  async function refresh(): Promise<void> {
    if (!navigator.storage?.estimate) return;
    const { quota = 0, usage = 0 } = await navigator.storage.estimate();
    const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : null;
    setState({ persisted, freeBytes: Math.max(0, quota - usage), usedBytes: usage });
  }

  async function requestPersistence(): Promise<void> {
    if (navigator.storage?.persist) await navigator.storage.persist();
    await refresh();
  }

  void requestPersistence();
  const timer = setInterval(() => void refresh(), refreshMs);
  onCleanup(() => clearInterval(timer));

  const low = () => {
    const free = state().freeBytes;
    return free !== null && free < LOW_SPACE_BYTES;
  };
  const minutesLeft = () => Math.floor((state().freeBytes ?? 0) / BYTES_PER_MINUTE);

  return { state, low, minutesLeft, refresh, requestPersistence };
}

export type StorageStore = ReturnType<typeof createStorageStore>;
