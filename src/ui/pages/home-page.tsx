import { createSignal, Show } from 'solid-js';
import { MAX_DETAIL_LENGTH } from '../../core';
import { Notice } from '../components/notice';
import { useI18n, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { inviteTokens, newInterviewerInvite } from '../stores/invites';
import { useVault } from '../stores/vault-store';

export function HomePage() {
  const { t } = useI18n();
  const vault = useVault();
  const [error, setError] = createSignal<MessageKey | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const candidateName = String(form.get('candidateName') ?? '').trim();
    const position = String(form.get('position') ?? '').trim();
    if (candidateName === '' || position === '') return setError('home.required');
    if (candidateName.length > MAX_DETAIL_LENGTH || position.length > MAX_DETAIL_LENGTH) return setError('home.tooLong');
    const invite = newInterviewerInvite();
    await vault.interviews.ensure({
      id: invite.interviewId,
      role: 'interviewer',
      createdAt: Date.now(),
      details: { candidateName, position },
      ...inviteTokens(invite.candidateSecret, invite.interviewerSecret),
      candidateKey: null,
    });
    navigate(invite.coInterviewerLink);
  };

  return (
    <main class="page page--narrow">
      <h1>{t('home.heading')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <form class="form" onSubmit={(e) => void submit(e)} novalidate>
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
