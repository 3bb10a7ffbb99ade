import { Match, onMount, Show, Switch } from 'solid-js';
import { CallView } from '../components/call-view';
import { Notice } from '../components/notice';
import { RecordingStatus } from '../components/recording-status';
import { StorageWarning } from '../components/storage-warning';
import { VideoTile } from '../components/video-tile';
import { useI18n } from '../i18n';
import { createCallStore, type CallStore } from '../stores/call-store';
import { createStorageStore } from '../stores/storage-store';
import { readCandidateInvite } from '../stores/invites';
import { useVault } from '../stores/vault-store';
import { InvalidLink } from './invalid-link';

export function CandidatePage() {
  // The fragment is read once: a page is one interview for its whole life.
  const invite = readCandidateInvite(location.hash);
  const vault = useVault();
  return (
    <Show when={invite} keyed fallback={<InvalidLink />}>
      {({ interviewId, candidateSecret }) => {
        // Created once here: a store in a JSX prop would be re-created on every read.
        const call = createCallStore({ vault, role: 'candidate', interviewId, candidateSecret, interviewerSecret: null });
        return <CandidateCall call={call} />;
      }}
    </Show>
  );
}

function CandidateCall(props: { call: CallStore }) {
  const { t } = useI18n();
  onMount(() => void props.call.startCamera());
  const storage = createStorageStore();
  const state = () => props.call.state;
  const interviewerPresent = () => state().participants.some((p) => p.role === 'interviewer');

  return (
    <main class="page">
      <header class="page__header">
        <h1>{t('join.heading')}</h1>
        <Show when={state().interview}>{(details) => <p class="lead">{t('join.forPosition', { position: details().position })}</p>}</Show>
      </header>
      <StorageWarning low={storage.low()} minutesLeft={storage.minutesLeft()} />
      <Switch>
        <Match when={state().phase === 'starting'}>
          <p role="status">{t('join.startingCamera')}</p>
        </Match>
        <Match when={state().phase === 'media-failed'}>
          <Notice tone="error">{t(`error.${state().mediaError ?? 'unknown'}`)}</Notice>
        </Match>
        <Match when={state().phase === 'preview'}>
          <section class="preview">
            <VideoTile stream={state().localStream} label={t('call.you')} self large testId="preview" />
            <p class="hint">{t('join.previewHint')}</p>
            <button type="button" class="primary" onClick={() => void props.call.join()}>
              {t('join.join')}
            </button>
          </section>
        </Match>
        <Match when={state().phase === 'refused'}>
          <Notice tone="error" heading={t('error.deviceInUse')}>
            <p>{t('error.deviceInUseHint')}</p>
          </Notice>
        </Match>
        <Match when={state().phase === 'full'}>
          <Notice tone="error">{t('error.roomFull')}</Notice>
        </Match>
        <Match when={state().phase === 'joined'}>
          <Show when={!interviewerPresent()}>
            <p class="waiting" role="status">
              {t('join.waitingForInterviewer')}
            </p>
          </Show>
          <RecordingStatus recording={state().recording} />
          <CallView state={state()} focusRole="interviewer" onToggleMute={props.call.toggleMute} onToggleCamera={props.call.toggleCamera} />
        </Match>
      </Switch>
    </main>
  );
}
