/** Exporting one interview's evidence bundle: progress, cancel, and where it went. */
import { createSignal } from 'solid-js';
import type { InterviewId } from '../../core';
import { bundleName, exportBundle, textPayload } from '../../evidence';
import { scorecardFiles } from '../../notes';
import { NotesLog } from '../../vault';
import { StorageFullError } from '../../vault';
import { openSaveTarget } from './save-target';
import type { VaultStore } from './vault-store';

export type ExportPhase = 'idle' | 'writing' | 'done' | 'cancelled' | 'failed';

export interface ExportState {
  phase: ExportPhase;
  written: number;
  total: number;
  fileName: string | null;
  failure: 'storage-full' | 'other' | null;
}

export function createExportStore(vault: VaultStore, interviewId: InterviewId) {
  const [state, setState] = createSignal<ExportState>({ phase: 'idle', written: 0, total: 0, fileName: null, failure: null });
  let controller: AbortController | null = null;

  async function start(password: string): Promise<void> {
    const fileName = `${bundleName(interviewId, new Date())}.zip`;
    let target;
    try {
      target = await openSaveTarget(fileName);
    } catch (error) {
      // Closing the file picker is a choice, not a failure.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setState({ phase: 'failed', written: 0, total: 0, fileName, failure: 'other' });
      return;
    }
    controller = new AbortController();
    const release = vault.holdOpen();
    setState({ phase: 'writing', written: 0, total: 0, fileName, failure: null });
    try {
      const record = await vault.interviews.get(interviewId);
      const title = [record?.details?.candidateName, record?.details?.position].filter(Boolean).join(' · ');
      const scorecard = await scorecardFiles(new NotesLog(vault.db, await vault.interviews.dataKey(interviewId), interviewId), title);
      await exportBundle(
        vault,
        interviewId,
        target.writable,
        {
          ...(password ? { password } : {}),
          signal: controller.signal,
          onProgress: (written, total) => setState((s) => ({ ...s, written, total })),
        },
        new Date(),
        scorecard.map((file) => textPayload(file.path, file.text)),
      );
      await target.finish();
      setState((s) => ({ ...s, phase: 'done' }));
    } catch (error) {
      await target.discard();
      const cancelled = controller.signal.aborted;
      setState((s) => ({ ...s, phase: cancelled ? 'cancelled' : 'failed', failure: cancelled ? null : error instanceof StorageFullError || (error instanceof DOMException && error.name === 'QuotaExceededError') ? 'storage-full' : 'other' }));
    } finally {
      controller = null;
      release();
    }
  }

  return { state, start, cancel: () => controller?.abort() };
}
