import { createMemo, createSignal, For, Index, Show } from 'solid-js';
import { PresenceList, type PresenceEntry } from '../components/presence-list';
import { SharedTextarea } from '../components/shared-textarea';
import { Notice } from '../components/notice';
import { useI18n, type MessageKey } from '../i18n';
import type { ScorecardStore } from '../stores/scorecard-store';
import { RECOMMENDATIONS, SCORES, submittedScores, verifySubmission, type Recommendation } from '../../notes';

/** The interviewers' shared scorecard: rubric, own evaluation, notes, and (after submitting) the others'. */
export function ScorecardSection(props: { store: ScorecardStore }) {
  const { t } = useI18n();
  const [newQuestion, setNewQuestion] = createSignal('');
  const view = () => props.store.view();
  const me = () => props.store.me();
  const myPart = createMemo(() => view().parts.find((p) => p.fingerprint === me()?.fingerprint));
  const mySubmission = createMemo(() => view().submissions.find((s) => s.fingerprint === me()?.fingerprint));
  const others = createMemo(() => {
    const mine = me()?.fingerprint;
    const fingerprints = new Set([...view().parts.map((p) => p.fingerprint), ...view().submissions.map((s) => s.fingerprint)]);
    fingerprints.delete(mine ?? '');
    return [...fingerprints].map((fingerprint) => ({
      fingerprint,
      part: view().parts.find((p) => p.fingerprint === fingerprint),
      submission: view().submissions.find((s) => s.fingerprint === fingerprint),
    }));
  });
  const othersVisible = () => !view().blind || mySubmission() !== undefined;

  const fieldLabel = (field: string): string => {
    if (field === 'takeaways') return t('scorecard.takeaways');
    const question = view().questions.find((q) => `question:${q.id}` === field);
    return question ? t('scorecard.notesFor', { question: question.title }) : field;
  };
  const presence = (): PresenceEntry[] =>
    props.store.peers().map((peer) => ({
      name: peer.user.name,
      color: peer.user.color,
      self: peer.self,
      editing: peer.focus ? fieldLabel(peer.focus.field) : null,
    }));
  const recommendationLabel = (value: string | null) => (value ? t(`recommendation.${value}` as MessageKey) : t('scorecard.none'));

  return (
    <section class="scorecard" aria-labelledby="scorecard-heading">
      <h2 id="scorecard-heading">{t('scorecard.heading')}</h2>
      <PresenceList people={presence()} />
      <Show when={props.store.problem() === 'storage'}>
        <Notice tone="error">{t('scorecard.storageProblem')}</Notice>
      </Show>

      <details class="rubric" open>
        <summary>{t('scorecard.rubric')}</summary>
        <Show when={view().competencies.length === 0 && props.store.template()}>
          <button type="button" onClick={() => props.store.useTemplate()}>
            {t('scorecard.useTemplate', { position: props.store.position() ?? '' })}
          </button>
        </Show>
        <Index each={view().competencies}>
          {(competency) => (
            <fieldset class="competency">
              <legend>{competency().name || t('scorecard.unnamed')}</legend>
              <label>
                {t('scorecard.competencyName')}
                <input value={competency().name} onInput={(e) => props.store.updateCompetency(competency().id, { name: e.currentTarget.value })} />
              </label>
              <label>
                {t('scorecard.description')}
                <input value={competency().description} onInput={(e) => props.store.updateCompetency(competency().id, { description: e.currentTarget.value })} />
              </label>
              <Index each={competency().anchors}>
                {(anchor, i) => (
                  <label>
                    {t('scorecard.anchor', { score: i + 1 })}
                    <input
                      value={anchor()}
                      onInput={(e) => {
                        const anchors = [...competency().anchors];
                        anchors[i] = e.currentTarget.value;
                        props.store.updateCompetency(competency().id, { anchors });
                      }}
                    />
                  </label>
                )}
              </Index>
              <button type="button" onClick={() => props.store.removeCompetency(competency().id)}>
                {t('scorecard.removeCompetency', { name: competency().name || t('scorecard.unnamed') })}
              </button>
            </fieldset>
          )}
        </Index>
        <div class="controls">
          <button type="button" onClick={() => props.store.addCompetency()}>
            {t('scorecard.addCompetency')}
          </button>
          <Show when={props.store.position() && view().competencies.length > 0}>
            <button type="button" onClick={() => void props.store.saveTemplate()}>
              {t('scorecard.saveTemplate', { position: props.store.position() ?? '' })}
            </button>
          </Show>
        </div>
      </details>

      <h3>{t('scorecard.yourEvaluation')}</h3>
      <Index each={view().competencies}>
        {(competency) => (
          <fieldset class="scores" disabled={mySubmission() !== undefined}>
            <legend>{t('scorecard.scoreFor', { name: competency().name || t('scorecard.unnamed') })}</legend>
            <For each={SCORES}>
              {(score) => (
                <label class="score">
                  <input
                    type="radio"
                    name={`score-${competency().id}`}
                    value={score}
                    checked={myPart()?.scores[competency().id] === score}
                    onChange={() => props.store.setScore(competency().id, score)}
                  />
                  {score}
                  <Show when={competency().anchors[score - 1]}>{(anchor) => <span class="hint"> – {anchor()}</span>}</Show>
                </label>
              )}
            </For>
          </fieldset>
        )}
      </Index>
      <label>
        {t('scorecard.recommendation')}
        <select
          disabled={mySubmission() !== undefined}
          value={myPart()?.recommendation ?? ''}
          onChange={(e) => props.store.setRecommendation((e.currentTarget.value || null) as Recommendation | null)}
        >
          <option value="">{t('scorecard.none')}</option>
          <For each={RECOMMENDATIONS}>{(value) => <option value={value}>{recommendationLabel(value)}</option>}</For>
        </select>
      </label>
      <label>
        {t('scorecard.comment')}
        <textarea rows={3} disabled={mySubmission() !== undefined} value={myPart()?.comment ?? ''} onInput={(e) => props.store.setComment(e.currentTarget.value)} />
      </label>
      <Show
        when={mySubmission()}
        fallback={
          <button type="button" class="primary" onClick={() => props.store.submit()}>
            {t('scorecard.submit')}
          </button>
        }
      >
        {(submission) => <p role="status">{t('scorecard.submitted', { at: new Date(submission().submittedAt).toLocaleString() })}</p>}
      </Show>

      <h3>{t('scorecard.notes')}</h3>
      <Index each={view().questions}>
        {(question) => (
          <SharedTextarea
            label={t('scorecard.notesFor', { question: question().title })}
            bind={(el) => props.store.bindText(`question:${question().id}`, el)}
            cursors={props.store.cursors(`question:${question().id}`)}
          />
        )}
      </Index>
      <form
        class="form form--inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (newQuestion().trim() === '') return;
          props.store.addQuestion(newQuestion().trim());
          setNewQuestion('');
        }}
      >
        <label>
          {t('scorecard.question')}
          <input value={newQuestion()} onInput={(e) => setNewQuestion(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('scorecard.addQuestion')}</button>
      </form>
      <SharedTextarea label={t('scorecard.takeaways')} bind={(el) => props.store.bindText('takeaways', el)} cursors={props.store.cursors('takeaways')} rows={5} />

      <h3>{t('scorecard.others')}</h3>
      <label class="checkbox">
        <input type="checkbox" checked={view().blind} onChange={(e) => props.store.setBlind(e.currentTarget.checked)} />
        {t('scorecard.blind')}
      </label>
      <Show when={othersVisible()} fallback={<p>{t('scorecard.hidden', { count: view().submissions.filter((s) => s.fingerprint !== me()?.fingerprint).length })}</p>}>
        <Show when={others().length > 0} fallback={<p>{t('scorecard.noOthers')}</p>}>
          <For each={others()}>
            {(other) => {
              const frozen = () => (other.submission ? submittedScores(other.submission) : null);
              const scores = () => frozen()?.scores ?? other.part?.scores ?? {};
              return (
                <article class="other-evaluation">
                  <h4>
                    {other.submission?.name ?? other.part?.name}
                    {' · '}
                    {other.submission ? t(verifySubmission(other.submission) ? 'scorecard.submittedSigned' : 'scorecard.badSignature') : t('scorecard.draft')}
                  </h4>
                  <ul>
                    <For each={view().competencies}>{(c) => <li>{c.name}: {scores()[c.id] ?? '–'}</li>}</For>
                  </ul>
                  <p>
                    {t('scorecard.recommendation')}: {recommendationLabel(frozen()?.recommendation ?? other.part?.recommendation ?? null)}
                  </p>
                </article>
              );
            }}
          </For>
        </Show>
      </Show>
    </section>
  );
}
