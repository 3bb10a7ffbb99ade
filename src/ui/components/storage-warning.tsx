import { Show } from 'solid-js';
import { useI18n } from '../i18n';
import { Notice } from './notice';

export interface StorageWarningProps {
  low: boolean;
  minutesLeft: number;
}

export function StorageWarning(props: StorageWarningProps) {
  const { t } = useI18n();
  return (
    <Show when={props.low}>
      <Notice tone="warning">{t('storage.low', { minutes: props.minutesLeft })}</Notice>
    </Show>
  );
}
