import { For, Show } from 'solid-js';
import { formatDateTime } from '../components/format';
import { useI18n } from '../i18n';
import { createArchiveStore } from '../stores/archive-store';
import { useVault } from '../stores/vault-store';

export function InterviewsPage() {
  const { t, locale } = useI18n();
  const archive = createArchiveStore(useVault());
  return (
    <main class="page">
      <h1>{t('archive.heading')}</h1>
      <Show when={archive.interviews()} fallback={<p role="status">{t('track.loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p>{t('archive.empty')}</p>}>
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('home.candidateName')}</th>
                  <th scope="col">{t('home.position')}</th>
                  <th scope="col">{t('archive.date')}</th>
                  <th scope="col">{t('archive.role')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('archive.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(record) => (
                    <tr>
                      <td>{record.details?.candidateName ?? '—'}</td>
                      <td>{record.details?.position ?? '—'}</td>
                      <td>{formatDateTime(record.createdAt, locale())}</td>
                      <td>{t(record.role === 'candidate' ? 'call.candidate' : 'call.interviewer')}</td>
                      <td>
                        <a href={`/review#id=${record.id}`}>{t('archive.review')}</a>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Show>
    </main>
  );
}
