import { For } from 'solid-js';
import { locales, useI18n, type Locale } from '../i18n';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label class="language">
      <span class="visually-hidden">{t('language.label')}</span>
      <select aria-label={t('language.label')} value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
        <For each={locales}>{(l) => <option value={l.id}>{l.name}</option>}</For>
      </select>
    </label>
  );
}
