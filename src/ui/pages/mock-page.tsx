import { Match, Show, Switch } from 'solid-js';
import { formatDuration } from '../components/format';
import { Notice } from '../components/notice';
import { useI18n } from '../i18n';
import { createMockStore, MOCK_SECONDS } from '../stores/mock-store';
import { useVault } from '../stores/vault-store';

export function MockPage() {
  const { t } = useI18n();
  const mock = createMockStore(useVault());
  return (
    <main class="page page--narrow">
      <h1>{t('mock.heading')}</h1>
      <p class="lead">{t('mock.intro', { seconds: MOCK_SECONDS })}</p>
      <button type="button" class="primary" disabled={mock.step() === 'recording' || mock.step() === 'checking'} onClick={() => void mock.run()}>
        {t('mock.start', { seconds: MOCK_SECONDS })}
      </button>
      <Switch>
        <Match when={mock.step() === 'recording'}>
          <p role="status">{t('mock.recording', { elapsed: mock.elapsed(), seconds: MOCK_SECONDS })}</p>
          <progress max={MOCK_SECONDS} value={mock.elapsed()} aria-label={t('mock.progress')} />
        </Match>
        <Match when={mock.step() === 'checking'}>
          <p role="status">{t('mock.checking')}</p>
        </Match>
        <Match when={mock.step() === 'failed' && mock.failure()}>
          {(failure) => <Notice tone="error">{t(`mock.failed.${failure()}`)}</Notice>}
        </Match>
      </Switch>
      <Show when={mock.step() === 'done' && mock.result()}>
        {(result) => (
          <>
            <Notice tone="info" heading={t('mock.works')}>
              <p>{t('mock.details', { slices: result().slices, duration: formatDuration(result().durationMs) })}</p>
            </Notice>
            <video controls src={result().url} aria-label={t('mock.playback')} class="mock-video" />
          </>
        )}
      </Show>
    </main>
  );
}
