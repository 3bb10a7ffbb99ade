import { createSignal, createUniqueId, Show } from 'solid-js';
import { useI18n } from '../i18n';

export interface CopyFieldProps {
  label: string;
  copyLabel: string;
  value: string;
}

/** A read-only link with its copy button; copying falls back to selecting the text. */
export function CopyField(props: CopyFieldProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [feedback, setFeedback] = createSignal<'copied' | 'failed' | null>(null);
  let input!: HTMLInputElement;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value);
      setFeedback('copied');
    } catch {
      input.select();
      setFeedback('failed');
    }
    setTimeout(() => setFeedback(null), 3000);
  };

  return (
    <div class="copy-field">
      <label for={id}>{props.label}</label>
      <div class="copy-field__row">
        <input id={id} ref={input} type="text" readOnly value={props.value} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" onClick={() => void copy()}>
          {props.copyLabel}
        </button>
      </div>
      <p class="copy-field__feedback" role="status">
        <Show when={feedback()}>{(f) => t(f() === 'copied' ? 'links.copied' : 'links.copyFailed')}</Show>
      </p>
    </div>
  );
}
