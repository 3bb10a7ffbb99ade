import { createSignal, Match, Switch } from 'solid-js';
import { useI18n } from '../i18n';
import type { ExportState } from '../stores/export-store';
import { Notice } from './notice';

export interface ExportPanelProps {
  state: ExportState;
  onExport: (password: string) => void;
  onCancel: () => void;
}

/** Export with an optional password, a progress bar and a cancel button. */
export function ExportPanel(props: ExportPanelProps) {
  const { t } = useI18n();
  const [password, setPassword] = createSignal('');
  const percent = () => (props.state.total > 0 ? Math.floor((100 * props.state.written) / props.state.total) : 0);
  return (
    <section class="export" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('export.heading')}</h2>
      <p class="hint">{t('export.intro')}</p>
      <Switch>
        <Match when={props.state.phase === 'writing'}>
          <p role="status">{t('export.writing', { percent: percent() })}</p>
          <progress max={100} value={percent()} aria-label={t('export.progress')} />
          <button type="button" onClick={() => props.onCancel()}>
            {t('export.cancel')}
          </button>
        </Match>
        <Match when={props.state.phase !== 'writing'}>
          <form
            class="form form--inline"
            onSubmit={(e) => {
              e.preventDefault();
              props.onExport(password());
            }}
          >
            <label>
              {t('export.password')}
              <input type="password" autocomplete="new-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
            </label>
            <button type="submit" class="primary">
              {t('export.start')}
            </button>
          </form>
        </Match>
      </Switch>
      <Switch>
        <Match when={props.state.phase === 'done'}>
          <Notice tone="info">{t('export.done', { file: props.state.fileName ?? '' })}</Notice>
        </Match>
        <Match when={props.state.phase === 'cancelled'}>
          <Notice tone="info">{t('export.cancelled')}</Notice>
        </Match>
        <Match when={props.state.phase === 'failed'}>
          <Notice tone="error">{t(props.state.failure === 'storage-full' ? 'export.storageFull' : 'export.failed')}</Notice>
        </Match>
      </Switch>
    </section>
  );
}
