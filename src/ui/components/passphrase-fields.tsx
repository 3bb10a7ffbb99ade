import { createSignal, createUniqueId, Show } from 'solid-js';
import { MIN_PASSPHRASE_LENGTH, passphraseLevel } from '../../core';
import { useI18n } from '../i18n';

export interface PassphraseFieldsProps {
  label: string;
  confirmLabel: string;
  /** Called with the passphrase when both fields agree and it is long enough, else with null. */
  onChange: (passphrase: string | null) => void;
}

/** A new passphrase, its confirmation and a live strength hint. */
export function PassphraseFields(props: PassphraseFieldsProps) {
  const { t } = useI18n();
  const hintId = createUniqueId();
  const [value, setValue] = createSignal('');
  const [confirmation, setConfirmation] = createSignal('');
  const level = () => passphraseLevel(value());
  const mismatch = () => confirmation() !== '' && confirmation() !== value();

  const update = (next: string, nextConfirmation: string) => {
    setValue(next);
    setConfirmation(nextConfirmation);
    const acceptable = passphraseLevel(next) !== 'too-short' && next === nextConfirmation;
    props.onChange(acceptable ? next : null);
  };

  return (
    <>
      <label>
        {props.label}
        <input
          type="password"
          autocomplete="new-password"
          aria-describedby={hintId}
          value={value()}
          onInput={(e) => update(e.currentTarget.value, confirmation())}
        />
      </label>
      <p id={hintId} class={`strength strength--${level()}`} role="status">
        {t(`passphrase.${level()}`, { min: MIN_PASSPHRASE_LENGTH })}
      </p>
      <label>
        {props.confirmLabel}
        <input type="password" autocomplete="new-password" value={confirmation()} onInput={(e) => update(value(), e.currentTarget.value)} />
      </label>
      <Show when={mismatch()}>
        <p class="field-error" role="alert">
          {t('passphrase.mismatch')}
        </p>
      </Show>
    </>
  );
}
