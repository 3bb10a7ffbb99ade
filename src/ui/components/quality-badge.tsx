import { Show } from 'solid-js';
import { useI18n } from '../i18n';

export interface QualityBadgeProps {
  level: 'good' | 'fair' | 'poor' | 'unknown';
  rttMs: number | null;
  lossPercent: number | null;
}

/** A status region, so screen readers hear a change of quality without focus moving. */
export function QualityBadge(props: QualityBadgeProps) {
  const { t } = useI18n();
  return (
    <div class={`quality quality--${props.level}`} role="status" aria-label={t('call.quality')}>
      <span class="quality__dot" aria-hidden="true" />
      <span class="quality__level">{t(`quality.${props.level}`)}</span>
      <Show when={props.rttMs !== null || props.lossPercent !== null}>
        <span class="quality__figures">
          {t('quality.figures', {
            rtt: props.rttMs ?? '–',
            loss: props.lossPercent === null ? '–' : props.lossPercent.toFixed(1),
          })}
        </span>
      </Show>
    </div>
  );
}
