import { createSignal, Show } from 'solid-js';
import { Notice } from '../components/notice';
import { PassphraseFields } from '../components/passphrase-fields';
import { useI18n } from '../i18n';
import { useVault } from '../stores/vault-store';

export function VaultSetupPage() {
  const { t } = useI18n();
  const vault = useVault();
  const [passphrase, setPassphrase] = createSignal<string | null>(null);
  const [working, setWorking] = createSignal(false);
  const [failed, setFailed] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = passphrase();
    if (chosen === null) return;
    setWorking(true);
    setFailed(false);
    try {
      await vault.create(chosen);
    } catch {
      setFailed(true);
    } finally {
      setWorking(false);
    }
  };

  return (
    <main class="page page--narrow">
      <h1>{t('vault.setupHeading')}</h1>
      <p class="lead">{t('vault.setupIntro')}</p>
      <form class="form" onSubmit={(e) => void submit(e)}>
        <PassphraseFields label={t('vault.passphrase')} confirmLabel={t('vault.confirmPassphrase')} onChange={setPassphrase} />
        <Show when={failed()}>
          <Notice tone="error">{t('vault.setupFailed')}</Notice>
        </Show>
        <button type="submit" class="primary" disabled={passphrase() === null || working()}>
          {working() ? t('vault.working') : t('vault.setPassphrase')}
        </button>
      </form>
    </main>
  );
}
