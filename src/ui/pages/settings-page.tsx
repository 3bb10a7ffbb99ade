import { createResource, createSignal, For, Show } from 'solid-js';
import { formatBytes } from '../components/format';
import { Notice } from '../components/notice';
import { PassphraseFields } from '../components/passphrase-fields';
import { useI18n } from '../i18n';
import { createProfileStore } from '../stores/profile-store';
import { createStorageStore } from '../stores/storage-store';
import { IDLE_CHOICES, useVault } from '../stores/vault-store';

export function SettingsPage() {
  const { t, locale } = useI18n();
  const vault = useVault();
  const storage = createStorageStore();
  const profile = createProfileStore(vault);
  const [nameSaved, setNameSaved] = createSignal(false);
  const [initialName] = createResource(() => profile.name());
  let nameInput!: HTMLInputElement;
  const [next, setNext] = createSignal<string | null>(null);
  const [outcome, setOutcome] = createSignal<'changed' | 'wrong' | null>(null);
  const [working, setWorking] = createSignal(false);
  let current!: HTMLInputElement;
  let form!: HTMLFormElement;

  const change = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = next();
    if (chosen === null) return;
    setWorking(true);
    const result = await vault.changePassphrase(current.value, chosen).finally(() => setWorking(false));
    setOutcome(result === 'ok' ? 'changed' : 'wrong');
    if (result === 'ok') form.reset();
  };

  return (
    <main class="page page--narrow">
      <h1>{t('settings.heading')}</h1>

      <section class="settings-section">
        <h2>{t('settings.profileHeading')}</h2>
        <form
          class="form form--inline"
          onSubmit={(e) => {
            e.preventDefault();
            void profile.save(nameInput.value).then(() => setNameSaved(true));
          }}
        >
          <label>
            {t('settings.name')}
            <input ref={nameInput} value={initialName() ?? ''} maxLength={80} autocomplete="name" onInput={() => setNameSaved(false)} />
          </label>
          <button type="submit">{t('settings.saveName')}</button>
        </form>
        <Show when={nameSaved()}>
          <p role="status">{t('settings.nameSaved')}</p>
        </Show>
      </section>

      <section class="settings-section">
        <h2>{t('settings.lockHeading')}</h2>
        <label>
          {t('settings.idleLock')}
          <select value={vault.idleMinutes()} onChange={(e) => vault.setIdleMinutes(Number(e.currentTarget.value))}>
            <For each={IDLE_CHOICES}>{(minutes) => <option value={minutes}>{t('settings.minutes', { minutes })}</option>}</For>
          </select>
        </label>
        <p class="hint">{t('settings.idleHint')}</p>
      </section>

      <section class="settings-section">
        <h2>{t('settings.passphraseHeading')}</h2>
        <form ref={form} class="form" onSubmit={(e) => void change(e)}>
          <label>
            {t('settings.currentPassphrase')}
            <input ref={current} type="password" autocomplete="current-password" />
          </label>
          <PassphraseFields label={t('settings.newPassphrase')} confirmLabel={t('settings.confirmNewPassphrase')} onChange={setNext} />
          <Show when={outcome() === 'changed'}>
            <Notice tone="info">{t('settings.passphraseChanged')}</Notice>
          </Show>
          <Show when={outcome() === 'wrong'}>
            <Notice tone="error">{t('vault.wrongPassphrase')}</Notice>
          </Show>
          <button type="submit" disabled={next() === null || working()}>
            {working() ? t('vault.working') : t('settings.changePassphrase')}
          </button>
        </form>
      </section>

      <section class="settings-section">
        <h2>{t('settings.storageHeading')}</h2>
        <dl class="facts">
          <dt>{t('storage.free')}</dt>
          <dd>{storage.state().freeBytes === null ? '—' : formatBytes(storage.state().freeBytes ?? 0, locale())}</dd>
          <dt>{t('storage.used')}</dt>
          <dd>{storage.state().usedBytes === null ? '—' : formatBytes(storage.state().usedBytes ?? 0, locale())}</dd>
          <dt>{t('storage.persistent')}</dt>
          <dd>{storage.state().persisted === null ? '—' : t(storage.state().persisted ? 'storage.yes' : 'storage.no')}</dd>
        </dl>
        <Show when={storage.state().persisted === false}>
          <p class="hint">{t('storage.persistHint')}</p>
        </Show>
      </section>
    </main>
  );
}
