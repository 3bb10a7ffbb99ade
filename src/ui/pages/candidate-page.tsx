import { createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { entryVerdict, type Schedule } from '../../core';
import { CallView } from '../components/call-view';
import { ChatPanel } from '../components/chat-panel';
import { Notice } from '../components/notice';
import { DeliveryStatus } from '../components/delivery-status';
import { RecordingStatus } from '../components/recording-status';
import { StorageWarning } from '../components/storage-warning';
import { VideoTile } from '../components/video-tile';
import { useI18n, type MessageKey } from '../i18n';
import { createCallStore, type CallStore } from '../stores/call-store';
import { createCandidateSession, type CandidateSession } from '../stores/candidate-session';
import { readCandidateInvite } from '../stores/invites';
import { createStorageStore } from '../stores/storage-store';
import { useVault } from '../stores/vault-store';
import { CandidateStage } from './candidate-stages';
import { InvalidLink } from './invalid-link';

export function CandidatePage() {
  // The fragment is read once: a page is one interview for its whole life.
  const invite = readCandidateInvite(location.hash);
  const vault = useVault();
  return (
    <Show when={invite} keyed fallback={<InvalidLink />}>
      {({ interviewId, candidateSecret, schedule }) => {
        // Created once here: a store in a JSX prop would be re-created on every read.
        const session = createCandidateSession(vault, interviewId);
        const call = createCallStore({ vault, role: 'candidate', interviewId, candidateSecret, interviewerSecret: null, hooks: session.hooks });
        session.attach(call);
        return <CandidateCall call={call} session={session} schedule={schedule} />;
      }}
    </Show>
  );
}

const time = (at: number) => new Date(at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });

function CandidateCall(props: { call: CallStore; session: CandidateSession; schedule: Schedule | null }) {
  const { t } = useI18n();
  const storage = createStorageStore();
  const [now, setNow] = createSignal(Date.now());
  const clock = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(clock));
  const state = () => props.call.state;
  const interviewerPresent = () => state().participants.some((p) => p.role === 'interviewer');
  // Before anyone is online, the link's schedule (on this device's clock) says whether to come in.
  const verdict = () => (props.schedule ? entryVerdict(props.schedule, now()) : null);
  const opensAt = () => {
    const v = verdict();
    return v?.kind === 'too-early' ? v.opensAt : null;
  };
  const closedAt = () => {
    const v = verdict();
    return v?.kind === 'too-late' ? v.closedAt : null;
  };
  const refusalText = (): MessageKey => `refused.${state().refusal ?? 'seat-taken'}` as MessageKey;
  // An interview that is over needs no camera: the page only delivers what the interviewer still lacks.
  onMount(async () => {
    const over = verdict()?.kind === 'over' || (await props.session.over());
    void (over ? props.call.join({ media: false }) : props.call.startCamera());
  });

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
          <p>
            <a href="/check">{t('join.checkDevices')}</a>
          </p>
        </Match>
        <Match when={state().phase === 'preview'}>
          <section class="preview">
            <VideoTile stream={state().localStream} label={t('call.you')} self large testId="preview" />
            <p class="hint">{t('join.previewHint')}</p>
            <p>
              <a href="/check">{t('join.checkDevices')}</a>
            </p>
            <Switch>
              <Match when={opensAt()}>
                {(at) => (
                  <Notice tone="info" heading={t('schedule.tooEarly', { time: time(at()) })}>
                    {t('schedule.comeBack')}
                  </Notice>
                )}
              </Match>
              <Match when={closedAt()}>
                {(at) => (
                  <Notice tone="error" heading={t('schedule.tooLate', { time: time(at()) })}>
                    {t('schedule.contact')}
                  </Notice>
                )}
              </Match>
              <Match when={verdict()?.kind === 'over'}>
                <Notice tone="error">{t('schedule.over')}</Notice>
              </Match>
            </Switch>
            <button type="button" class="primary" disabled={verdict()?.kind === 'too-early' || verdict()?.kind === 'over'} onClick={() => void props.call.join()}>
              {t('join.join')}
            </button>
          </section>
        </Match>
        <Match when={state().phase === 'refused'}>
          <Notice tone="error" heading={t(refusalText())}>
            <p>{t(state().refusal === 'seat-taken' || state().refusal === null ? 'error.deviceInUseHint' : 'schedule.contact')}</p>
          </Notice>
        </Match>
        <Match when={state().phase === 'full'}>
          <Notice tone="error">{t('error.roomFull')}</Notice>
        </Match>
        <Match when={state().phase === 'joined' && state().deliveryOnly}>
          <DeliverTheRest call={props.call} />
        </Match>
        <Match when={state().phase === 'joined'}>
          <Show when={!interviewerPresent() && props.session.state.view === null && props.session.state.left === null}>
            <p class="waiting" role="status">
              {t('join.waitingForInterviewer')}
            </p>
          </Show>
          <CandidateStage session={props.session} />
          <DeliveryStatus progress={state().delivery} role="candidate" onExport={props.call.exportDeliveryFile} />
          <Show when={props.session.state.left === null}>
            <RecordingStatus recording={state().recording} />
            <CallView state={state()} focusRole="interviewer" onToggleMute={props.call.toggleMute} onToggleCamera={props.call.toggleCamera} />
            <ChatPanel
              entries={props.session.state.chat}
              unread={props.session.state.unread}
              me="candidate"
              onSend={(text) => props.session.sendChat(text)}
              onOpenChange={(open) => props.session.openChat(open)}
            />
          </Show>
        </Match>
      </Switch>
    </main>
  );
}

/** After the interview: what the interviewer has not received goes to them whenever one of them is online. */
function DeliverTheRest(props: { call: CallStore }) {
  const { t } = useI18n();
  const delivery = () => props.call.state.delivery;
  const waiting = () => {
    const progress = delivery();
    return progress !== null && progress.total > 0 && !progress.complete && !props.call.state.participants.some((p) => p.role === 'interviewer' && p.connected);
  };
  return (
    <section>
      <Notice tone="info" heading={t('schedule.over')}>
        {t(delivery()?.complete || delivery()?.total === 0 ? 'deliverRest.nothingLeft' : 'deliverRest.keepOpen')}
      </Notice>
      <Show when={waiting()}>
        <p class="waiting" role="status">
          {t('deliverRest.waiting')}
        </p>
      </Show>
      <DeliveryStatus progress={delivery()} role="candidate" onExport={props.call.exportDeliveryFile} />
    </section>
  );
}
