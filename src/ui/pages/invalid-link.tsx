import { Notice } from '../components/notice';
import { useI18n } from '../i18n';

export function InvalidLink() {
  const { t } = useI18n();
  return (
    <main class="page page--narrow">
      <Notice tone="error">
        <p>{t('error.invalidLink')}</p>
      </Notice>
    </main>
  );
}
