import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../src/i18n/en';
import { ja } from '../src/i18n/messages';
import { detectLang, initialLang, lang, LANG_STORAGE_KEY, setLang, t } from '../src/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys in Japanese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const key of Object.keys(ja) as Array<keyof typeof ja>) {
      expect(ja[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
    }
  });

  it('keep the English text free of Japanese script except where it names itself', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    for (const [key, text] of Object.entries(en)) {
      expect(japanese.test(text), key).toBe(false);
    }
  });

  it('carries the offline message the product promises', () => {
    expect(ja['offline.banner']).toBe(
      'インターネットに接続されていません。接続を確認して、もう一度お試しください。',
    );
  });
});

describe('detectLang', () => {
  it.each([
    [['ja-JP', 'en-US'], 'ja'],
    [['ja'], 'ja'],
    [['en-US', 'ja'], 'en'],
    [['en'], 'en'],
    [['EN_gb'], 'en'],
    [['fr-FR', 'en-GB', 'ja'], 'en'],
    [['zh-CN', 'ko'], 'ja'],
    [[], 'ja'],
  ] as const)('%j → %s', (preferred, expected) => {
    expect(detectLang(preferred)).toBe(expected);
  });
});

describe('language choice', () => {
  beforeEach(() => {
    localStorage.clear();
  });
  afterEach(() => {
    localStorage.clear();
    lang.value = 'ja';
  });

  it('follows the browser when nothing is remembered', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US', 'ja']);
    expect(initialLang()).toBe('en');
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ja-JP']);
    expect(initialLang()).toBe('ja');
  });

  it('prefers the remembered choice over the browser', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ja-JP']);
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    expect(initialLang()).toBe('en');
  });

  it('ignores a remembered value that is not a language it knows', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en']);
    localStorage.setItem(LANG_STORAGE_KEY, 'fr');
    expect(initialLang()).toBe('en');
  });

  it('remembers a switch, changes the text and sets <html lang>', () => {
    setLang('en');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(t('home.title')).toBe(en['home.title']);
    setLang('ja');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('ja');
    expect(document.documentElement.lang).toBe('ja');
    expect(t('home.title')).toBe(ja['home.title']);
  });

  it('still switches when storage is unavailable', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    const denied = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: denied, setItem: denied });
    try {
      expect(() => setLang('en')).not.toThrow();
      expect(lang.value).toBe('en');
      vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ja']);
      expect(initialLang()).toBe('ja');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('fills placeholders', () => {
    setLang('ja');
    expect(t('networks.facilities', { count: '269' })).toBe('参加施設: 269か所');
    setLang('en');
    expect(t('networks.facilities', { count: '269' })).toBe('Participating facilities: 269');
  });
});
