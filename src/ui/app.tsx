import { lazy, Match, Show, Switch, type ParentProps } from 'solid-js';
import { CANDIDATE_PATH, INTERVIEWER_PATH } from '../net';
import { LanguageSwitch } from './components/language-switch';
import { I18nProvider, useI18n } from './i18n';
import { CandidatePage } from './pages/candidate-page';
import { DeviceCheckPage } from './pages/device-check-page';
import { HomePage } from './pages/home-page';
import { InvalidLink } from './pages/invalid-link';
import { InterviewsPage } from './pages/interviews-page';
import { MockPage } from './pages/mock-page';
import { NotFoundPage } from './pages/not-found-page';
import { SettingsPage } from './pages/settings-page';
import { VerifyPage } from './pages/verify-page';
import { VaultSetupPage } from './pages/vault-setup-page';
import { VaultUnlockPage } from './pages/vault-unlock-page';
import { address, path } from './router';
import { readCandidateInvite, readInterviewerInvite } from './stores/invites';
import { useVault, VaultProvider } from './stores/vault-store';

// Interviewer-only pages load separately: the scorecard (Yjs, y-webrtc) never reaches a candidate's browser.
const InterviewerPage = lazy(() => import('./pages/interviewer-page').then((m) => ({ default: m.InterviewerPage })));
const ReviewPage = lazy(() => import('./pages/review-page').then((m) => ({ default: m.ReviewPage })));

/** Nothing behind it renders until the vault is open: every page may read or record sensitive data. */
function VaultGate(props: ParentProps) {
  const vault = useVault();
  const { t } = useI18n();
  return (
    <Switch>
      <Match when={vault.status() === 'opening'}>
        <p role="status" class="page">
          {t('vault.working')}
        </p>
      </Match>
      <Match when={vault.status() === 'new'}>
        <VaultSetupPage />
      </Match>
      <Match when={vault.status() === 'locked'}>
        <VaultUnlockPage />
      </Match>
      <Match when={vault.status() === 'unlocked'}>{props.children}</Match>
    </Switch>
  );
}

function TopBar() {
  const { t } = useI18n();
  const vault = useVault();
  return (
    <header class="topbar">
      <a class="brand" href="/">
        {t('app.name')}
      </a>
      <Show when={vault.status() === 'unlocked'} fallback={<span class="tagline">{t('app.tagline')}</span>}>
        <nav class="nav" aria-label={t('nav.label')}>
          <a href="/">{t('nav.new')}</a>
          <a href="/interviews">{t('nav.interviews')}</a>
          <a href="/mock">{t('nav.mock')}</a>
          <a href="/verify">{t('nav.verify')}</a>
          <a href="/settings">{t('nav.settings')}</a>
        </nav>
        <button type="button" onClick={() => vault.lock()}>
          {t('vault.lock')}
        </button>
      </Show>
      <LanguageSwitch />
    </header>
  );
}

function Routes() {
  return (
    // Keyed on the whole address: a page reads its fragment once, so a new fragment is a new page.
    <Show when={address()} keyed>
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
        <Match when={path() === '/interviews'}>
          <InterviewsPage />
        </Match>
        <Match when={path() === '/review'}>
          <ReviewPage />
        </Match>
        <Match when={path() === '/mock'}>
          <MockPage />
        </Match>
        <Match when={path() === '/verify'}>
          <VerifyPage />
        </Match>
        <Match when={path() === '/settings'}>
          <SettingsPage />
        </Match>
      </Switch>
    </Show>
  );
}

/** A broken invite link is said at once, before anyone is asked for a passphrase. */
function brokenInviteLink(): boolean {
  address();
  if (path() === CANDIDATE_PATH) return readCandidateInvite(location.hash) === null;
  if (path() === INTERVIEWER_PATH) return readInterviewerInvite(location.hash) === null;
  return false;
}

export function App() {
  return (
    <I18nProvider>
      <VaultProvider>
        <TopBar />
        <Switch>
          <Match when={brokenInviteLink()}>
            <InvalidLink />
          </Match>
          <Match when={path() === '/check'}>
            <DeviceCheckPage />
          </Match>
          <Match when={true}>
            <VaultGate>
              <Routes />
            </VaultGate>
          </Match>
        </Switch>
      </VaultProvider>
    </I18nProvider>
  );
}
