/** Verifying a bundle dropped on the page: reads it from disk as a Blob, never whole into memory. */
import { createSignal } from 'solid-js';
import { verifyBundle, type VerifyResult } from '../../evidence';
import type { VaultStore } from './vault-store';

export type VerifyState =
  | { phase: 'idle' }
  | { phase: 'checking'; fileName: string; read: number; total: number }
  | { phase: 'done'; fileName: string; result: VerifyResult };

export function createVerifyStore(vault: VaultStore) {
  const [state, setState] = createSignal<VerifyState>({ phase: 'idle' });
  let file: File | null = null;

  async function check(password?: string): Promise<void> {
    if (file === null) return;
    const fileName = file.name;
    setState({ phase: 'checking', fileName, read: 0, total: file.size });
    const result = await verifyBundle(file, {
      ...(password ? { password } : {}),
      onProgress: (read, total) => setState({ phase: 'checking', fileName, read, total }),
    }).catch((error: unknown): VerifyResult => ({ status: 'invalid', problems: [error instanceof Error ? error.message : String(error)], signer: null }));
    setState({ phase: 'done', fileName, result });
    await vault.audit.append('verify', result.status === 'valid' ? result.bag.interviewId : null, { file: fileName, result: result.status });
  }

  return {
    state,
    choose(chosen: File): Promise<void> {
      file = chosen;
      return check();
    },
    retryWithPassword: (password: string) => check(password),
  };
}
