/** Interface language: chosen from the browser, switchable, remembered on this device. */
import { createContext, createEffect, createSignal, useContext, type ParentProps } from 'solid-js';
import { en, type MessageKey } from './en';
import { detectLocale, format, type Locale } from './locale';
import { zhCN } from './zh-CN';

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
const STORAGE_KEY = 'candid.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

function createI18n() {
  const [locale, setLocaleSignal] = createSignal(detectLocale(navigator.languages, localStorage.getItem(STORAGE_KEY)));
  createEffect(() => (document.documentElement.lang = locale()));
  const t: Translate = (key, params) => format(catalogs[locale()][key], params);
  const setLocale = (next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLocaleSignal(next);
  };
  return { locale, setLocale, t };
}

export type I18n = ReturnType<typeof createI18n>;
const I18nContext = createContext<I18n>();

export function I18nProvider(props: ParentProps) {
  return <I18nContext.Provider value={createI18n()}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

export { locales, type Locale } from './locale';
export type { MessageKey };
