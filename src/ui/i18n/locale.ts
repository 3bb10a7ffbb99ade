/** Pure language helpers: which locale to show, and filling `{name}` placeholders. */
export type Locale = 'en' | 'zh-CN';

export const locales: ReadonlyArray<{ id: Locale; name: string }> = [
  { id: 'en', name: 'English' },
  { id: 'zh-CN', name: '简体中文' },
];

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh-CN';
}

/** A saved choice wins; otherwise the first browser language we speak; otherwise English. */
export function detectLocale(languages: readonly string[], saved: string | null): Locale {
  if (isLocale(saved)) return saved;
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
