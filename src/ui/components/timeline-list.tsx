import { For, Show } from 'solid-js';
import { elapsedLabel, exitOf, type TimelineEvent } from '../../core';
import { useI18n, type MessageKey } from '../i18n';

export interface TimelineListProps {
  events: TimelineEvent[];
  startedAt: number;
  /** When given, each event becomes a button that seeks the recordings to it. */
  onSeek?: (at: number) => void;
}

/** Events with their wall time and their time into the interview. */
export function TimelineList(props: TimelineListProps) {
  const { t } = useI18n();
  const describe = (event: TimelineEvent): string => {
    const exit = exitOf(event);
    if (exit) return t('timeline.exit', { who: t(`exitWho.${exit.who}` as MessageKey), reason: exit.reason });
    const detail = event.detail;
    if (event.kind === 'connection-restored' && typeof detail.downMs === 'number' && typeof detail.by === 'string') {
      return t('timeline.restoredAfter', {
        down: String(Math.round(detail.downMs / 1000)),
        cause: t(`gapCause.${String(detail.cause)}` as MessageKey),
        by: t(`restoredBy.${detail.by}` as MessageKey),
      });
    }
    if (event.kind === 'exit') return t('timeline.exit', { who: String(detail.who ?? ''), reason: String(detail.reason ?? '') });
    const text = typeof detail.label === 'string' ? detail.label : typeof detail.text === 'string' ? detail.text : typeof detail.question === 'string' ? detail.question : typeof detail.step === 'string' ? t(`environment.${detail.step}.heading` as MessageKey) : '';
    return text ? `${t(`timeline.${event.kind}` as MessageKey)}: ${text}` : t(`timeline.${event.kind}` as MessageKey);
  };
  return (
    <ol class="timeline" aria-label={t('timeline.heading')}>
      <For each={props.events}>
        {(event) => {
          const label = () => `${elapsedLabel(event.at, props.startedAt)} · ${new Date(event.at).toLocaleTimeString()} · ${describe(event)}`;
          return (
            <li data-kind={event.kind}>
              <Show when={props.onSeek} fallback={<span>{label()}</span>}>
                {(seek) => (
                  <button type="button" class="link-button" onClick={() => seek()(event.at)}>
                    {label()}
                  </button>
                )}
              </Show>
            </li>
          );
        }}
      </For>
    </ol>
  );
}
