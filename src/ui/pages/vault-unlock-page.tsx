import { createSignal, Show } from 'solid-js';
import { Notice } from '../components/notice';
import { useI18n } from '../i18n';
import { useVault } from '../stores/vault-store';

export function VaultUnlockPage() {
  const { t } = useI18n();
  const vault = useVault();
  const [working, setWorking] = createSignal(false);
  const [wrong, setWrong] = createSignal(false);
  let input!: HTMLInputElement;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setWorking(true);
    const result = await vault.unlock(input.value).finally(() => setWorking(false));
    setWrong(result === 'wrong-passphrase');
    if (result === 'wrong-passphrase') input.select();
  };

  return (
    <main class="page page--narrow">
      <h1>{t('vault.unlockHeading')}</h1>
      <p class="lead">{t('vault.unlockIntro')}</p>
      <form class="form" onSubmit={(e) => void submit(e)}>
        <label>
          {t('vault.passphrase')}
          <input ref={input} type="password" autocomplete="current-password" autofocus />
        </label>
        <Show when={wrong()}>
          <Notice tone="error">{t('vault.wrongPassphrase')}</Notice>
        </Show>
        <button type="submit" class="primary" disabled={working()}>
          {working() ? t('vault.working') : t('vault.unlock')}
        </button>
      </form>
    </main>
  );
}
