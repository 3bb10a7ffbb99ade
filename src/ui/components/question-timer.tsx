import type { QuestionClock } from '../../core';
import { useI18n, type MessageKey } from '../i18n';
import { formatDuration } from './format';

/** The question's clock as both sides see it: preparation left, answer time left, overage, or done (in each side's words). */
export function QuestionTimer(props: { clock: QuestionClock; finished: MessageKey; class?: string }) {
  const { t } = useI18n();
  const text = () => {
    const { phase, remainingMs, overageMs } = props.clock;
    if (phase === 'prep') return t('question.prep', { left: formatDuration(remainingMs) });
    if (phase === 'finished') return t(props.finished);
    return overageMs > 0 ? t('question.overage', { over: formatDuration(overageMs) }) : t('question.answer', { left: formatDuration(remainingMs) });
  };
  return (
    <p role="timer" class={props.class} classList={{ 'timer--over': props.clock.overageMs > 0 }} aria-label={t('question.timer')}>
      {text()}
    </p>
  );
}
