import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { LEAVE_REASONS, questionTimer, type CandidateView, type EnvironmentStep, type LeaveReason } from '../../core';
import { formatDuration } from '../components/format';
import { Notice } from '../components/notice';
import { QuestionTimer } from '../components/question-timer';
import { useI18n, type MessageKey } from '../i18n';
import type { CandidateSession } from '../stores/candidate-session';

/** The stage the interviewer's session is in, as the candidate sees and acts on it. */
export function CandidateStage(props: { session: CandidateSession }) {
  const { t } = useI18n();
  const state = () => props.session.state;
  const now = () => props.session.interviewerNow();
  const time = (at: number) => new Date(at - state().offsetMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

  return (
    <Switch>
      <Match when={state().left}>
        <Notice tone="info" heading={t('leave.doneHeading')}>
          <p>{t('leave.doneBody')}</p>
          <p>{t('leave.nextSteps')}</p>
        </Notice>
      </Match>
      <Match when={state().view?.ended}>
        {(ended) => (
          <Notice tone="info" heading={t('ended.heading')}>
            <p>{t(`ended.${ended().reason}` as MessageKey)}</p>
            <p>{t('ended.thanks')}</p>
          </Notice>
        )}
      </Match>
      <Match when={state().lostAt !== null && state().view}>
        {(view) => {
          const until = () => (state().lostAt ?? 0) + view().resumeWindowMinutes * 60_000;
          return (
            <Notice tone="warning" heading={t('lost.heading')}>
              <p role="timer">{t('lost.body', { time: new Date(until()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }), left: formatDuration(until() - state().now) })}</p>
              <button type="button" class="primary" onClick={() => location.reload()}>
                {t('lost.rejoin')}
              </button>
            </Notice>
          );
        }}
      </Match>
      <Match when={state().view}>{(view) => <LiveStage view={view()} session={props.session} now={now()} time={time} />}</Match>
    </Switch>
  );
}

function LiveStage(props: { view: CandidateView; session: CandidateSession; now: number; time: (at: number) => string }) {
  const { t } = useI18n();
  const [pledge, setPledge] = createSignal(false);
  return (
    <section class="stage" aria-label={t('stage.label')}>
      <Switch>
        <Match when={props.view.stage === 'lobby'}>
          <h2>{t('lobby.heading')}</h2>
          <Show when={props.now < props.view.startsAt} fallback={<p role="status">{t('lobby.starting')}</p>}>
            <p role="timer" aria-label={t('lobby.countdown')}>
              {t('lobby.startsIn', { left: formatDuration(props.view.startsAt - props.now), time: props.time(props.view.startsAt) })}
            </p>
          </Show>
        </Match>
        <Match when={props.view.stage === 'consent'}>
          <h2>{t('consent.heading')}</h2>
          <ul>
            <li>{t('consent.recorded')}</li>
            <li>{t('consent.viewers')}</li>
            <li>{t('consent.retention', { days: props.view.consent.retentionDays })}</li>
            <li>{t('consent.local')}</li>
          </ul>
          <Show when={props.view.consent.pledge}>
            <label class="checkbox">
              <input type="checkbox" checked={pledge()} onChange={(e) => setPledge(e.currentTarget.checked)} />
              {t('consent.pledge')}
            </label>
          </Show>
          <div class="controls">
            <button type="button" class="primary" disabled={props.view.consent.pledge && !pledge()} onClick={() => void props.session.consent(true, pledge())}>
              {t('consent.accept')}
            </button>
            <button type="button" onClick={() => void props.session.consent(false, false)}>
              {t('consent.decline')}
            </button>
          </div>
        </Match>
        <Match when={props.view.stage === 'environment' && props.view.environmentPending[0]}>
          {(step) => <EnvironmentScreen step={step()} onDone={() => props.session.environmentDone(step())} />}
        </Match>
        <Match when={props.view.stage === 'questions' && props.view.question}>
          {(question) => {
            const clock = () => questionTimer(question(), props.now);
            return (
              <article class="question" aria-label={t('question.label')}>
                <p class="hint">{t('question.number', { index: question().index + 1, total: question().total })}</p>
                <h2>{question().text}</h2>
                <Show when={clock()}>
                  {(c) => <QuestionTimer clock={c()} finished="question.finished" class="timer" />}
                </Show>
                <div class="controls">
                  <Show when={clock()?.phase === 'prep'}>
                    <button type="button" onClick={() => props.session.answer('start')}>
                      {t('question.ready')}
                    </button>
                  </Show>
                  <Show when={clock()?.phase === 'answer'}>
                    <button type="button" class="primary" onClick={() => props.session.answer('finish')}>
                      {t('question.done')}
                    </button>
                  </Show>
                </div>
              </article>
            );
          }}
        </Match>
        <Match when={props.view.stage === 'questions'}>
          <p role="status">{t('question.waiting')}</p>
        </Match>
      </Switch>
      <LeaveControl view={props.view} onLeave={(reason, note) => void props.session.leave(reason, note)} time={props.time} />
    </section>
  );
}

function EnvironmentScreen(props: { step: EnvironmentStep; onDone: () => void }) {
  const { t } = useI18n();
  return (
    <article class="environment">
      <h2>{t(`environment.${props.step}.heading` as MessageKey)}</h2>
      <p>{t(`environment.${props.step}.body` as MessageKey)}</p>
      <button type="button" class="primary" onClick={() => props.onDone()}>
        {t(`environment.${props.step}.done` as MessageKey)}
      </button>
    </article>
  );
}

/** "Leave interview": a confirmation that says what happens, with an optional reason. */
function LeaveControl(props: { view: CandidateView; onLeave: (reason: LeaveReason | null, note: string) => void; time: (at: number) => string }) {
  const { t } = useI18n();
  const [asking, setAsking] = createSignal(false);
  const [reason, setReason] = createSignal<LeaveReason | ''>('');
  const [note, setNote] = createSignal('');
  return (
    <Show
      when={asking()}
      fallback={
        <button type="button" class="leave" onClick={() => setAsking(true)}>
          {t('leave.start')}
        </button>
      }
    >
      <div role="dialog" aria-modal="false" aria-labelledby="leave-heading" class="dialog">
        <h2 id="leave-heading">{t('leave.heading')}</h2>
        <p>{t('leave.explain')}</p>
        <label>
          {t('leave.reason')}
          <select value={reason()} onChange={(e) => setReason(e.currentTarget.value as LeaveReason | '')}>
            <option value="">{t('leave.noReason')}</option>
            <For each={LEAVE_REASONS}>{(r) => <option value={r}>{t(`leave.reason.${r}` as MessageKey)}</option>}</For>
          </select>
        </label>
        <label>
          {t('leave.note')}
          <textarea rows={2} maxLength={1000} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <div class="controls">
          <button type="button" class="danger-button" onClick={() => props.onLeave(reason() || null, note())}>
            {t('leave.confirm')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('leave.stay')}
          </button>
        </div>
      </div>
    </Show>
  );
}
