import { useI18n } from '../i18n';

export interface CallControlsProps {
  muted: boolean;
  cameraOff: boolean;
  onToggleMute: () => void;
  onToggleCamera: () => void;
  swapped: boolean;
  onSwap: () => void;
}

/** Toggle buttons keep one name; `aria-pressed` says whether the microphone is muted or the camera off. */
export function CallControls(props: CallControlsProps) {
  const { t } = useI18n();
  return (
    <div class="controls" role="toolbar" aria-label={t('call.controls')}>
      <button type="button" class="toggle" aria-pressed={props.muted} onClick={() => props.onToggleMute()}>
        {t('call.mute')}
      </button>
      <button type="button" class="toggle" aria-pressed={props.cameraOff} onClick={() => props.onToggleCamera()}>
        {t('call.cameraOff')}
      </button>
      <button type="button" class="toggle" aria-pressed={props.swapped} onClick={() => props.onSwap()}>
        {t('call.swap')}
      </button>
    </div>
  );
}
