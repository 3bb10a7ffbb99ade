import { Notice } from '../components/notice';
import { useI18n } from '../i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <main class="page page--narrow">
      <Notice tone="info">
        <p>{t('error.notFound')}</p>
        <p>
          <a href="/">{t('nav.home')}</a>
        </p>
      </Notice>
    </main>
  );
}
