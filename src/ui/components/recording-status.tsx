import { Show } from 'solid-js';
import { useI18n } from '../i18n';
import type { RecordingState } from '../stores/call-store';
import { Notice } from './notice';

/** "Recording" while it runs, and a plain statement of what was kept when it stops by itself. */
export function RecordingStatus(props: { recording: RecordingState }) {
  const { t } = useI18n();
  return (
    <>
      <Show when={props.recording.active}>
        <p class="recording" role="status" aria-label={t('recording.label')}>
          <span class="recording__dot" aria-hidden="true" />
          {t('recording.active', { slices: props.recording.slices })}
        </p>
      </Show>
      <Show when={props.recording.problem}>
        {(problem) => <Notice tone="error">{t(problem() === 'storage-full' ? 'recording.storageFull' : 'recording.failed')}</Notice>}
      </Show>
    </>
  );
}
