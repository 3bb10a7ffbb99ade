import { createSignal, Show } from 'solid-js';
import type { Role } from '../../core';
import { DELIVERY_FILE_EXTENSION, type DeliveryProgress } from '../../delivery';
import { useI18n } from '../i18n';
import { downloadBlob } from '../stores/save-target';

/**
 * How much of the candidate's own recording has reached the interviewer, seen
 * from either side; the candidate may also take what is missing as a file.
 */
export function DeliveryStatus(props: { progress: DeliveryProgress | null; role: Role; onExport?: () => Promise<Blob | null> }) {
  const { t } = useI18n();
  const [exporting, setExporting] = createSignal(false);
  const [failed, setFailed] = createSignal(false);

  const exportFile = async (make: () => Promise<Blob | null>) => {
    setExporting(true);
    setFailed(false);
    try {
      const file = await make();
      if (file !== null) downloadBlob(file, `candid-delivery-${new Date().toISOString().slice(0, 10)}${DELIVERY_FILE_EXTENSION}`);
    } catch {
      setFailed(true);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Show when={props.progress !== null && props.progress.total > 0 && props.progress}>
      {(progress) => (
        <div class="delivery">
          <p role="status" aria-label={t('delivery.label')}>
            <Show
              when={progress().complete}
              fallback={t(props.role === 'candidate' ? 'delivery.sent' : 'delivery.received', { delivered: progress().delivered, total: progress().total })}
            >
              {t(props.role === 'candidate' ? 'delivery.allSent' : 'delivery.allReceived')}
            </Show>
          </p>
          <Show when={props.onExport && progress().delivered < progress().total && props.onExport}>
            {(make) => (
              <p class="hint">
                {t('delivery.exportHint')}{' '}
                <button type="button" disabled={exporting()} onClick={() => void exportFile(make())}>
                  {t('delivery.export')}
                </button>
              </p>
            )}
          </Show>
          <Show when={failed()}>
            <p role="alert">{t('delivery.exportFailed')}</p>
          </Show>
        </div>
      )}
    </Show>
  );
}
