import { For, onMount, Show } from 'solid-js';
import { VideoTile } from '../components/video-tile';
import { useI18n, type MessageKey } from '../i18n';
import { CHECKS, createDeviceCheckStore } from '../stores/device-check-store';

/** Available before any interview, without a passphrase: nothing here is stored. */
export function DeviceCheckPage() {
  const { t } = useI18n();
  const check = createDeviceCheckStore();
  let camera!: HTMLSelectElement;
  let microphone!: HTMLSelectElement;
  onMount(() => void check.runAll());
  const reopen = () => void check.openDevices(camera.value || undefined, microphone.value || undefined);

  return (
    <main class="page page--narrow">
      <h1>{t('check.heading')}</h1>
      <p class="lead">{t('check.intro')}</p>
      <VideoTile stream={check.stream()} label={t('check.preview')} self large testId="check-preview" />
      <div class="form">
        <label>
          {t('check.camera')}
          <select ref={camera} onChange={reopen}>
            <For each={check.devices().cameras}>{(d, i) => <option value={d.deviceId}>{d.label || t('check.deviceN', { n: i() + 1 })}</option>}</For>
          </select>
        </label>
        <label>
          {t('check.microphone')}
          <select ref={microphone} onChange={reopen}>
            <For each={check.devices().microphones}>{(d, i) => <option value={d.deviceId}>{d.label || t('check.deviceN', { n: i() + 1 })}</option>}</For>
          </select>
        </label>
        <button type="button" onClick={() => void check.refreshDevices()}>
          {t('check.refresh')}
        </button>
        <label>
          {t('check.level')}
          <meter min={0} max={1} value={check.level()} aria-label={t('check.level')} />
        </label>
        <div class="controls">
          <button type="button" onClick={() => check.playTone()}>
            {t('check.playTone')}
          </button>
          <Show when={check.results.speakers.advice === 'speakers-asked'}>
            <button type="button" onClick={() => check.heardTone(true)}>
              {t('check.heard')}
            </button>
            <button type="button" onClick={() => check.heardTone(false)}>
              {t('check.notHeard')}
            </button>
          </Show>
        </div>
      </div>
      <h2>{t('check.summary')}</h2>
      <ul class="checks" aria-label={t('check.summary')}>
        <For each={CHECKS}>
          {(name) => (
            <li data-check={name}>
              <span class={`check--${check.results[name].status}`}>{t(`check.status.${check.results[name].status}` as MessageKey)}</span>
              <span>
                <strong>{t(`check.name.${name}` as MessageKey)}</strong>: {t(`check.advice.${check.results[name].advice}` as MessageKey, { figure: check.results[name].figure ?? '' })}
              </span>
            </li>
          )}
        </For>
      </ul>
    </main>
  );
}
