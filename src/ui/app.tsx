import { Match, Switch } from 'solid-js';
import { CANDIDATE_PATH, INTERVIEWER_PATH } from '../net';
import { LanguageSwitch } from './components/language-switch';
import { I18nProvider, useI18n } from './i18n';
import { CandidatePage } from './pages/candidate-page';
import { HomePage } from './pages/home-page';
import { InterviewerPage } from './pages/interviewer-page';
import { NotFoundPage } from './pages/not-found-page';
import { path } from './router';

function Shell() {
  const { t } = useI18n();
  return (
    <>
      <header class="topbar">
        <a class="brand" href="/">
          {t('app.name')}
        </a>
        <span class="tagline">{t('app.tagline')}</span>
        <LanguageSwitch />
      </header>
      <Switch fallback={<NotFoundPage />}>
        <Match when={path() === '/'}>
          <HomePage />
        </Match>
        <Match when={path() === INTERVIEWER_PATH}>
          <InterviewerPage />
        </Match>
        <Match when={path() === CANDIDATE_PATH}>
          <CandidatePage />
        </Match>
      </Switch>
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
