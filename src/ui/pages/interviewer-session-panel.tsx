import { createSignal, For, Show } from 'solid-js';
import { INTERVIEWER_END_REASONS, questionClock, type EndReason } from '../../core';
import { QuestionTimer } from '../components/question-timer';
import { TimelineList } from '../components/timeline-list';
import { useI18n, type MessageKey } from '../i18n';
import type { InterviewerSession } from '../stores/interviewer-session';

/** The creator's controls for the running interview: stage, questions, markers, ending, and the live timeline. */
export function InterviewerSessionPanel(props: { session: InterviewerSession }) {
  const { t } = useI18n();
  const state = () => props.session.state;
  const session = () => state().session;
  const [questionText, setQuestionText] = createSignal('');
  const [prep, setPrep] = createSignal(30);
  const [answer, setAnswer] = createSignal(180);
  const [hard, setHard] = createSignal(false);
  const [marker, setMarker] = createSignal('');
  const [reason, setReason] = createSignal<EndReason | ''>('');
  const [endNote, setEndNote] = createSignal('');
  const [bankSaved, setBankSaved] = createSignal(false);
  const clock = () => questionClock(session(), state().now);
  const offset = () => state().candidateClockOffsetMs;

  return (
    <section class="session-panel" aria-labelledby="session-heading">
      <h2 id="session-heading">{t('session.heading')}</h2>
      <p role="status">
        {t('session.stage', { stage: t(`stage.${session().stage}` as MessageKey) })}
        {' · '}
        {session().candidatePresent
          ? t('session.candidateHere')
          : session().lostAt !== null
            ? t('session.candidateLost', { time: new Date(state().resumeUntil ?? 0).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) })
            : t('session.candidateNotYet')}
      </p>
      <Show when={offset() !== null}>
        <p class="hint">{t('session.offset', { offset: ((offset() ?? 0) / 1000).toFixed(1) })}</p>
      </Show>

      <Show when={session().stage === 'questions' || session().stage === 'lobby' || session().stage === 'consent' || session().stage === 'environment'}>
        <h3>{t('session.questions')}</h3>
        <ol class="question-list">
          <For each={session().questions}>
            {(question, index) => (
              <li aria-current={index() === session().current ? 'step' : undefined}>
                {question.text}
                <span class="hint">
                  {' '}
                  · {t('session.timing', { prep: question.prepSeconds, answer: question.answerSeconds })}
                  {question.hardLimit ? ` · ${t('session.hard')}` : ''}
                </span>
              </li>
            )}
          </For>
        </ol>
        <Show when={clock()}>
          {(c) => <QuestionTimer clock={c()} finished="session.answered" />}
        </Show>
        <div class="controls">
          <button type="button" disabled={session().stage !== 'questions' || session().current <= 0} onClick={() => props.session.previous()}>
            {t('session.previous')}
          </button>
          <button type="button" disabled={session().stage !== 'questions' || session().current >= session().questions.length - 1} onClick={() => props.session.next()}>
            {t('session.next')}
          </button>
        </div>
        <form
          class="form form--grid"
          onSubmit={(e) => {
            e.preventDefault();
            if (questionText().trim() === '') return;
            props.session.addQuestion({ text: questionText().trim(), prepSeconds: prep(), answerSeconds: answer(), hardLimit: hard() });
            setQuestionText('');
          }}
        >
          <label>
            {t('session.questionText')}
            <input value={questionText()} maxLength={2000} onInput={(e) => setQuestionText(e.currentTarget.value)} />
          </label>
          <label>
            {t('session.prepSeconds')}
            <input type="number" min="0" max="3600" value={prep()} onInput={(e) => setPrep(Number(e.currentTarget.value))} />
          </label>
          <label>
            {t('session.answerSeconds')}
            <input type="number" min="1" max="7200" value={answer()} onInput={(e) => setAnswer(Number(e.currentTarget.value))} />
          </label>
          <label class="checkbox">
            <input type="checkbox" checked={hard()} onChange={(e) => setHard(e.currentTarget.checked)} />
            {t('session.hardLimit')}
          </label>
          <button type="submit">{t('session.ask')}</button>
        </form>
        <Show when={session().questions.length > 0}>
          <button type="button" onClick={() => void props.session.saveQuestionBank().then(setBankSaved)}>
            {t('session.saveBank')}
          </button>
          <Show when={bankSaved()}>
            <span role="status">{t('session.bankSaved')}</span>
          </Show>
        </Show>
      </Show>

      <form
        class="form form--inline"
        onSubmit={(e) => {
          e.preventDefault();
          props.session.addMarker(marker().trim() || t('session.markerDefault'));
          setMarker('');
        }}
      >
        <label>
          {t('session.markerLabel')}
          <input value={marker()} maxLength={200} onInput={(e) => setMarker(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('session.addMarker')}</button>
      </form>

      <Show when={session().stage !== 'ended'}>
        <form
          class="form end-form"
          onSubmit={(e) => {
            e.preventDefault();
            const chosen = reason();
            if (chosen) props.session.end(chosen, endNote());
          }}
        >
          <label>
            {t('session.endReason')}
            <select value={reason()} required onChange={(e) => setReason(e.currentTarget.value as EndReason | '')}>
              <option value="">{t('session.chooseReason')}</option>
              <For each={INTERVIEWER_END_REASONS}>{(r) => <option value={r}>{t(`endReason.${r}` as MessageKey)}</option>}</For>
            </select>
          </label>
          <label>
            {t('session.endNote')}
            <textarea rows={2} maxLength={1000} value={endNote()} onInput={(e) => setEndNote(e.currentTarget.value)} />
          </label>
          <button type="submit" class="danger-button" disabled={reason() === ''}>
            {t('session.end')}
          </button>
        </form>
      </Show>
      <Show when={session().ended}>{(ended) => <p role="status">{t('session.ended', { reason: t(`endReason.${ended().reason}` as MessageKey) })}</p>}</Show>

      <h3>{t('timeline.heading')}</h3>
      <TimelineList events={state().timeline} startedAt={session().startedAt ?? state().timeline[0]?.at ?? Date.now()} />
    </section>
  );
}
