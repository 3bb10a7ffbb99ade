import { createSignal, Show } from 'solid-js';
import { MAX_DETAIL_LENGTH } from '../../core';
import { Notice } from '../components/notice';
import { useI18n, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { createInterview } from '../stores/invites';

export function HomePage() {
  const { t } = useI18n();
  const [error, setError] = createSignal<MessageKey | null>(null);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const candidateName = String(form.get('candidateName') ?? '').trim();
    const position = String(form.get('position') ?? '').trim();
    if (candidateName === '' || position === '') return setError('home.required');
    if (candidateName.length > MAX_DETAIL_LENGTH || position.length > MAX_DETAIL_LENGTH) return setError('home.tooLong');
    navigate(createInterview({ candidateName, position }));
  };

  return (
    <main class="page page--narrow">
      <h1>{t('home.heading')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <form class="form" onSubmit={submit} novalidate>
        <label>
          {t('home.candidateName')}
          <input name="candidateName" autocomplete="off" required maxLength={MAX_DETAIL_LENGTH} />
        </label>
        <label>
          {t('home.position')}
          <input name="position" autocomplete="off" required maxLength={MAX_DETAIL_LENGTH} />
        </label>
        <Show when={error()}>{(key) => <Notice tone="error">{t(key(), { max: MAX_DETAIL_LENGTH })}</Notice>}</Show>
        <button type="submit" class="primary">
          {t('home.create')}
        </button>
      </form>
    </main>
  );
}
