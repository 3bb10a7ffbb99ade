import { createSignal, Show } from 'solid-js';
import { useI18n } from '../i18n';

/** Deleting asks once more, in words that say it cannot be undone. */
export function DeletePanel(props: { onDelete: () => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = createSignal(false);
  return (
    <section class="danger" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t('delete.heading')}</h2>
      <Show
        when={confirming()}
        fallback={
          <button type="button" onClick={() => setConfirming(true)}>
            {t('delete.start')}
          </button>
        }
      >
        <p role="alert">{t('delete.confirm')}</p>
        <div class="controls">
          <button type="button" class="danger-button" onClick={() => props.onDelete()}>
            {t('delete.yes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('delete.no')}
          </button>
        </div>
      </Show>
    </section>
  );
}
