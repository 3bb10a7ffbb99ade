import { createSignal, For, Show } from 'solid-js';
import { formatBytes } from '../components/format';
import { Notice } from '../components/notice';
import { useI18n } from '../i18n';
import { createVerifyStore } from '../stores/verify-store';
import { useVault } from '../stores/vault-store';

export function VerifyPage() {
  const { t, locale } = useI18n();
  const verify = createVerifyStore(useVault());
  const [dragging, setDragging] = createSignal(false);
  let password!: HTMLInputElement;

  const checking = () => {
    const s = verify.state();
    return s.phase === 'checking' ? s : null;
  };
  const result = () => {
    const s = verify.state();
    return s.phase === 'done' ? s.result : null;
  };
  const valid = () => {
    const r = result();
    return r?.status === 'valid' ? r : null;
  };
  const invalid = () => {
    const r = result();
    return r?.status === 'invalid' ? r : null;
  };
  const passwordNeeded = () => {
    const status = result()?.status;
    return status === 'needs-password' || status === 'wrong-password' ? status : null;
  };
  const take = (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (file) void verify.choose(file);
  };

  return (
    <main class="page page--narrow">
      <h1>{t('verify.heading')}</h1>
      <p class="lead">{t('verify.intro')}</p>
      <label
        class="dropzone"
        classList={{ 'dropzone--over': dragging() }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          take(e.dataTransfer?.files);
        }}
      >
        <span>{t('verify.drop')}</span>
        <input type="file" accept=".zip,application/zip" aria-label={t('verify.file')} onChange={(e) => take(e.currentTarget.files)} />
      </label>

      <Show when={checking()}>
        {(s) => (
          <>
            <p role="status">{t('verify.checking', { file: s().fileName })}</p>
            <progress max={s().total || 1} value={s().read} aria-label={t('verify.progress')} />
          </>
        )}
      </Show>
      <Show when={valid()}>
        {(r) => (
          <Notice tone="info" heading={t('verify.valid')}>
            <p>{t('verify.signedBy', { signer: r().signer })}</p>
            <p>{t('verify.about', { candidate: r().bag.candidate, position: r().bag.position, date: r().bag.baggingDate })}</p>
            <ul class="file-list">
              <For each={r().bag.files}>
                {(file) => (
                  <li>
                    {file.path} · {formatBytes(file.bytes, locale())}
                  </li>
                )}
              </For>
            </ul>
            <p>{t('verify.audit', { entries: r().bag.auditEntries })}</p>
          </Notice>
        )}
      </Show>
      <Show when={invalid()}>
        {(r) => (
          <Notice tone="error" heading={t('verify.invalid')}>
            <ul>
              <For each={r().problems}>{(problem) => <li>{problem}</li>}</For>
            </ul>
          </Notice>
        )}
      </Show>
      <Show when={passwordNeeded()}>
        {(status) => (
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault();
              void verify.retryWithPassword(password.value);
            }}
          >
            <Show when={status() === 'wrong-password'}>
              <Notice tone="error">{t('verify.wrongPassword')}</Notice>
            </Show>
            <label>
              {t('verify.password')}
              <input ref={password} type="password" autocomplete="off" />
            </label>
            <button type="submit" class="primary">
              {t('verify.check')}
            </button>
          </form>
        )}
      </Show>
    </main>
  );
}
