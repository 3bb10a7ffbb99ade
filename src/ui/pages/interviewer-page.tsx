import { createEffect, createResource, on, onMount, Show } from 'solid-js';
import { CallView } from '../components/call-view';
import { ChatPanel } from '../components/chat-panel';
import { CopyField } from '../components/copy-field';
import { IdentityWarning } from '../components/identity-warning';
import { Notice } from '../components/notice';
import { DeliveryStatus } from '../components/delivery-status';
import { RecordingStatus } from '../components/recording-status';
import { StorageWarning } from '../components/storage-warning';
import { useI18n } from '../i18n';
import { createCallStore, type CallStore } from '../stores/call-store';
import { createInterviewerSession, type InterviewerSession } from '../stores/interviewer-session';
import { candidateLinkWithSchedule, readInterviewerInvite, type InterviewerInvite } from '../stores/invites';
import { createScorecardStore } from '../stores/scorecard-store';
import { createStorageStore } from '../stores/storage-store';
import { useVault } from '../stores/vault-store';
import { InvalidLink } from './invalid-link';
import { InterviewerSessionPanel } from './interviewer-session-panel';
import { ScorecardSection } from './scorecard-section';

/** The interviewer's room; the same page serves the creator (who runs the interview) and co-interviewers. */
export function InterviewerPage() {
  // The fragment is read once: a page is one interview for its whole life.
  const invite = readInterviewerInvite(location.hash);
  const vault = useVault();
  // The creator's record holds the plan (schedule, questions); a co-interviewer has none.
  const [record] = createResource(() => invite && vault.interviews.get(invite.interviewId));
  return (
    <Show when={invite} keyed fallback={<InvalidLink />}>
      {(view) => (
        <Show when={record.state === 'ready' || record.state === 'errored'}>
          {(() => {
            const setup = record.state === 'ready' ? (record()?.setup ?? null) : null;
            // Created once here: a store in a JSX prop would be re-created on every read.
            const session = setup ? createInterviewerSession(vault, view.interviewId, setup) : null;
            const call = createCallStore({
              vault,
              role: 'interviewer',
              interviewId: view.interviewId,
              candidateSecret: view.candidateSecret,
              interviewerSecret: view.interviewerSecret,
              setup,
              ...(session ? { hooks: session.hooks } : {}),
            });
            session?.attach(call);
            const scorecard = createScorecardStore(vault, {
              interviewId: view.interviewId,
              interviewerSecret: view.interviewerSecret,
              candidateSecret: view.candidateSecret,
            });
            // A co-interviewer learns the position during the call; rubric templates follow it.
            createEffect(on(() => call.state.interview?.position, () => void scorecard.refreshPosition(), { defer: true }));
            // Each question asked gets its notes field in the scorecard.
            createEffect(() => {
              const question = session?.state.session.questions[session.state.session.current];
              if (question) scorecard.ensureQuestion(question.id, question.text);
            });
            const candidateLink = candidateLinkWithSchedule(view, setup?.schedule);
            return (
              <>
                <InterviewerCall invite={view} candidateLink={candidateLink} call={call} session={session} />
                <div class="page">
                  <ScorecardSection store={scorecard} />
                </div>
              </>
            );
          })()}
        </Show>
      )}
    </Show>
  );
}

function InterviewerCall(props: { call: CallStore; invite: InterviewerInvite; candidateLink: string; session: InterviewerSession | null }) {
  const { t } = useI18n();
  onMount(() => void props.call.startCamera(true));
  const storage = createStorageStore();
  const state = () => props.call.state;
  const candidatePresent = () => state().participants.some((p) => p.role === 'candidate');

  return (
    <main class="page">
      <header class="page__header">
        <h1>{state().interview ? t('interview.heading', { name: state().interview?.candidateName ?? '' }) : t('interview.headingUnknown')}</h1>
        <Show when={state().interview}>{(details) => <p class="lead">{t('interview.position', { position: details().position })}</p>}</Show>
      </header>
      <Show when={state().mediaError}>{(reason) => <Notice tone="error">{t(`error.${reason()}`)}</Notice>}</Show>
      <Show when={state().phase === 'full'}>
        <Notice tone="error">{t('error.roomFull')}</Notice>
      </Show>
      <StorageWarning low={storage.low()} minutesLeft={storage.minutesLeft()} />
      <Show when={state().identityWarning}>{(warning) => <IdentityWarning warning={warning()} />}</Show>
      <Show when={state().forgedMessages > 0}>
        <Notice tone="warning">{t('error.forged')}</Notice>
      </Show>
      <Show when={state().phase === 'joined'}>
        <Show when={!candidatePresent()}>
          <p class="waiting" role="status">
            {t('interview.waitingForCandidate')}
          </p>
        </Show>
        <RecordingStatus recording={state().recording} />
        <DeliveryStatus progress={state().delivery} role="interviewer" />
        <CallView state={state()} focusRole="candidate" onToggleMute={props.call.toggleMute} onToggleCamera={props.call.toggleCamera} />
        <Show when={props.session}>
          {(session) => (
            <>
              <ChatPanel
                entries={session().state.chat}
                unread={session().state.unread}
                me="interviewer"
                onSend={(text) => session().sendChat(text)}
                onOpenChange={(open) => session().openChat(open)}
              />
              <InterviewerSessionPanel session={session()} />
            </>
          )}
        </Show>
      </Show>
      <section class="links" aria-labelledby="links-heading">
        <h2 id="links-heading">{t('links.heading')}</h2>
        <p class="hint">{t('links.hint')}</p>
        <CopyField label={t('links.candidate')} copyLabel={t('links.copyCandidate')} value={props.candidateLink} />
        <CopyField label={t('links.coInterviewer')} copyLabel={t('links.copyCoInterviewer')} value={props.invite.coInterviewerLink} />
      </section>
    </main>
  );
}
