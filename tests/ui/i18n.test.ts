import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { detectLocale, format } from '../../src/ui/i18n/locale';
import { zhCN } from '../../src/ui/i18n/zh-CN';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('zh-CN fills every key with the same placeholders as English', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
      expect(zhCN[key].trim(), key).not.toBe('');
    }
  });
});

describe('detectLocale', () => {
  it.each([
    [['zh-CN', 'en'], null, 'zh-CN'],
    [['zh-TW'], null, 'zh-CN'],
    [['en-GB', 'zh'], null, 'en'],
    [['fr-FR', 'zh-HK'], null, 'zh-CN'],
    [['fr-FR'], null, 'en'],
    [['zh-CN'], 'en', 'en'],
    [['en-US'], 'zh-CN', 'zh-CN'],
    [['en-US'], 'klingon', 'en'],
  ] as const)('%j with saved %s gives %s', (languages, saved, expected) => {
    expect(detectLocale(languages, saved)).toBe(expected);
  });
});

describe('format', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(format('RTT {rtt} ms · loss {loss} %', { rtt: 12, loss: '0.5' })).toBe('RTT 12 ms · loss 0.5 %');
    expect(format('Hello {name}', {})).toBe('Hello {name}');
  });
});
