import { createSignal, Show } from 'solid-js';
import { useI18n, type MessageKey } from '../i18n';

export type ImportOutcome = { added: number } | { problem: string };

/** Interviewers: take in a delivery file the candidate sent, and say what came of it. */
export function DeliveryImport(props: { onImport: (file: File) => Promise<ImportOutcome> }) {
  const { t } = useI18n();
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<ImportOutcome | null>(null);

  const take = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (file === undefined) return;
    setBusy(true);
    setOutcome(null);
    setOutcome(await props.onImport(file));
    setBusy(false);
    input.value = '';
  };

  return (
    <section aria-labelledby="delivery-import-heading">
      <h2 id="delivery-import-heading">{t('delivery.import')}</h2>
      <p class="hint">{t('delivery.importHint')}</p>
      <input type="file" aria-label={t('delivery.fileLabel')} disabled={busy()} onChange={(event) => void take(event.currentTarget)} />
      <Show when={outcome()}>
        {(result) => {
          const value = result();
          return 'added' in value ? (
            <p role="status">{value.added > 0 ? t('delivery.imported', { added: value.added }) : t('delivery.importedNothing')}</p>
          ) : (
            <p role="alert">{t(`delivery.file.${value.problem}` as MessageKey)}</p>
          );
        }}
      </Show>
    </section>
  );
}
