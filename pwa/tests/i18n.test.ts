import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../src/i18n/en';
import { ja } from '../src/i18n/messages';
import { detectLang, initialLang, lang, LANG_STORAGE_KEY, setLang, t } from '../src/i18n';
import * as staffI18n from '../src/i18n/staff';
import { en as enAccess } from '../src/i18n/en/access';
import { en as enAccount } from '../src/i18n/en/account';
import { en as enCommon } from '../src/i18n/en/common';
import { en as enFamily } from '../src/i18n/en/family';
import { en as enMe } from '../src/i18n/en/me';
import { en as enPublic } from '../src/i18n/en/public';
import { en as enRegister } from '../src/i18n/en/register';
import { en as enStaff } from '../src/i18n/en/staff';
import { ja as jaAccess } from '../src/i18n/ja/access';
import { ja as jaAccount } from '../src/i18n/ja/account';
import { ja as jaCommon } from '../src/i18n/ja/common';
import { ja as jaFamily } from '../src/i18n/ja/family';
import { ja as jaMe } from '../src/i18n/ja/me';
import { ja as jaPublic } from '../src/i18n/ja/public';
import { ja as jaRegister } from '../src/i18n/ja/register';
import { ja as jaStaff } from '../src/i18n/ja/staff';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

type Text = Readonly<Record<string, string>>;

/** The text by area, as the pages are grouped, in both languages. */
const AREAS: ReadonlyArray<readonly [string, Text, Text]> = [
  ['common', jaCommon, enCommon],
  ['public', jaPublic, enPublic],
  ['register', jaRegister, enRegister],
  ['me', jaMe, enMe],
  ['family', jaFamily, enFamily],
  ['account', jaAccount, enAccount],
  ['staff', jaStaff, enStaff],
  ['access', jaAccess, enAccess],
];

describe('dictionaries', () => {
  it('have the same keys in Japanese and English, area by area', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const [area, japanese, english] of AREAS) {
      expect(Object.keys(english).sort(), area).toEqual(Object.keys(japanese).sort());
    }
  });

  it('write every key in one area only, the ones shown first apart from those that come later', () => {
    const all = AREAS.flatMap(([, japanese]) => Object.keys(japanese));
    expect(new Set(all).size).toBe(all.length);
    // The app's text (what a poster's page and the frame need) is every area but the signed-in
    // pages', the console's and the access record's, which come with their screens.
    const later = ['me', 'family', 'staff', 'access'];
    const app = AREAS.filter(([area]) => !later.includes(area)).flatMap(([, j]) => Object.keys(j));
    expect(Object.keys(ja).sort()).toEqual(app.sort());
    expect(Object.keys(en).sort()).toEqual(app.sort());
    const elsewhere = { ...jaMe, ...jaFamily, ...jaStaff, ...jaAccess };
    expect(Object.keys(ja).filter((key) => key in elsewhere)).toEqual([]);
  });

  it('give the signed-in pages their own text, in the language shown', async () => {
    const resident = await import('../src/i18n/resident');
    lang.value = 'ja';
    expect(resident.t('me.links.consents')).toBe(jaMe['me.links.consents']);
    expect(resident.t('acting.banner', { name: '山田' })).toBe('山田さんの代理で操作中');
    lang.value = 'en';
    await resident.loadResidentLang('en');
    expect(resident.t('me.links.consents')).toBe(enMe['me.links.consents']);
    expect(resident.t('invite.title')).toBe(enFamily['invite.title']);
    expect(resident.t('app.name')).toBe(enCommon['app.name']);
    lang.value = 'ja';
  });

  it('have no empty text and the same placeholders in both languages', () => {
    for (const [, japanese, english] of AREAS) {
      for (const [key, text] of Object.entries(japanese)) {
        expect(text.trim(), key).not.toBe('');
        expect(english[key]?.trim(), key).not.toBe('');
        expect(placeholders(english[key] ?? ''), key).toEqual(placeholders(text));
      }
    }
  });

  it('keep the English text free of Japanese script except where it names itself', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    for (const [, , english] of AREAS) {
      for (const [key, text] of Object.entries(english)) {
        expect(japanese.test(text), key).toBe(false);
      }
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

  it('gives the console its own text and the app’s, in the chosen language', () => {
    setLang('ja');
    expect(staffI18n.t('staff.brand')).toBe(jaStaff['staff.brand']);
    expect(staffI18n.t('home.title')).toBe(ja['home.title']);
    expect(staffI18n.tIn('en', 'staff.header.name', { name: 'Sato' })).toBe(
      enStaff['staff.header.name'].replace('{name}', 'Sato'),
    );
    setLang('en');
    expect(staffI18n.t('staff.brand')).toBe(enStaff['staff.brand']);
    expect(staffI18n.t('home.title')).toBe(en['home.title']);
  });

  it('fills placeholders', () => {
    setLang('ja');
    expect(t('networks.facilities', { count: '269' })).toBe('参加施設: 269か所');
    setLang('en');
    expect(t('networks.facilities', { count: '269' })).toBe('Participating facilities: 269');
  });
});
