import { createSignal, For, Show } from 'solid-js';
import { DEFAULT_RETENTION_DAYS, MAX_DETAIL_LENGTH, utcToLocalTime } from '../../core';
import { Notice } from '../components/notice';
import { useI18n, type MessageKey } from '../i18n';
import { navigate } from '../router';
import { inviteTokens, newInterviewerInvite } from '../stores/invites';
import { browserTimeZone, questionBank, readSchedule, readSetup, timeZones } from '../stores/setup-form';
import { useVault } from '../stores/vault-store';

export function HomePage() {
  const { t } = useI18n();
  const vault = useVault();
  const [error, setError] = createSignal<MessageKey | null>(null);
  const [scheduled, setScheduled] = createSignal(false);
  const zone = browserTimeZone();
  const inAnHour = utcToLocalTime(Math.ceil((Date.now() + 3_600_000) / 900_000) * 900_000, zone);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const candidateName = String(form.get('candidateName') ?? '').trim();
    const position = String(form.get('position') ?? '').trim();
    if (candidateName === '' || position === '') return setError('home.required');
    if (candidateName.length > MAX_DETAIL_LENGTH || position.length > MAX_DETAIL_LENGTH) return setError('home.tooLong');
    const schedule = readSchedule(form, Date.now());
    if (typeof schedule === 'string') return setError(`setup.${schedule}` as MessageKey);
    const setup = readSetup(form, schedule, await questionBank(vault, position));
    const invite = newInterviewerInvite(schedule);
    await vault.interviews.ensure({
      id: invite.interviewId,
      role: 'interviewer',
      createdAt: Date.now(),
      details: { candidateName, position },
      ...inviteTokens(invite.candidateSecret, invite.interviewerSecret),
      candidateKey: null,
      setup,
    });
    navigate(invite.coInterviewerLink);
  };

  return (
    <main class="page page--narrow">
      <h1>{t('home.heading')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <form class="form" onSubmit={(e) => void submit(e)} novalidate>
        <label>
          {t('home.candidateName')}
          <input name="candidateName" autocomplete="off" required maxLength={MAX_DETAIL_LENGTH} />
        </label>
        <label>
          {t('home.position')}
          <input name="position" autocomplete="off" required maxLength={MAX_DETAIL_LENGTH} />
        </label>
        <details class="setup">
          <summary>{t('setup.heading')}</summary>
          <fieldset>
            <legend>{t('setup.start')}</legend>
            <label class="checkbox">
              <input type="radio" name="startMode" value="now" checked={!scheduled()} onChange={() => setScheduled(false)} />
              {t('setup.startNow')}
            </label>
            <label class="checkbox">
              <input type="radio" name="startMode" value="scheduled" checked={scheduled()} onChange={() => setScheduled(true)} />
              {t('setup.startLater')}
            </label>
            <Show when={scheduled()}>
              <label>
                {t('setup.startTime')}
                <input type="datetime-local" name="startTime" value={inAnHour} />
              </label>
              <label>
                {t('setup.timeZone')}
                <select name="timeZone" value={zone}>
                  <For each={timeZones()}>{(z) => <option value={z}>{z}</option>}</For>
                </select>
              </label>
            </Show>
          </fieldset>
          <label>
            {t('setup.duration')}
            <input type="number" name="duration" min="1" max="1440" value="60" />
          </label>
          <label>
            {t('setup.opensBefore')}
            <input type="number" name="opensBefore" min="0" max="1440" value={scheduled() ? 30 : 0} />
          </label>
          <label>
            {t('setup.lateCutoff')}
            <input type="number" name="lateCutoff" min="0" max="1440" value="15" />
          </label>
          <label>
            {t('setup.resumeWindow')}
            <input type="number" name="resumeWindow" min="0" max="1440" value="10" />
          </label>
          <label>
            {t('setup.retention')}
            <input type="number" name="retentionDays" min="1" max="3650" value={DEFAULT_RETENTION_DAYS} />
          </label>
          <fieldset>
            <legend>{t('setup.environment')}</legend>
            <label class="checkbox">
              <input type="checkbox" name="blankSheet" />
              {t('setup.blankSheet')}
            </label>
            <label class="checkbox">
              <input type="checkbox" name="roomScan" />
              {t('setup.roomScan')}
            </label>
            <label class="checkbox">
              <input type="checkbox" name="pledge" />
              {t('setup.pledge')}
            </label>
          </fieldset>
        </details>
        <Show when={error()}>{(key) => <Notice tone="error">{t(key(), { max: MAX_DETAIL_LENGTH })}</Notice>}</Show>
        <button type="submit" class="primary">
          {t('home.create')}
        </button>
      </form>
    </main>
  );
}
