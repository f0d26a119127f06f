import { describe, expect, it } from 'vitest';
import { en as app } from '../src/i18n/en';
import { en as familyEn } from '../src/i18n/en/family';
import { ja as familyJa } from '../src/i18n/ja/family';
import { ja as appJa } from '../src/i18n/messages';

const dictionaries: { readonly [L in 'ja' | 'en']: Readonly<Record<string, string>> } = {
  ja: { ...appJa, ...familyJa },
  en: { ...app, ...familyEn },
};
import { RELATIONSHIPS } from '../src/lib/acting-for';
import { fileNameFrom } from '../src/lib/download';
import {
  actionKey,
  levelKey,
  relationshipKey,
  safeReturnPath,
  signInPath,
  svgDataUrl,
  tidyCode,
} from '../src/lib/proxies';

describe('codes from the address or as typed', () => {
  it('tidies the fragment and typed forms alike', () => {
    expect(tidyCode('#ABCD-EFGH-JK-C')).toBe('ABCD-EFGH-JK-C');
    expect(tidyCode('  abcd efgh-jk-c ')).toBe('ABCDEFGH-JK-C');
    expect(tidyCode('ＡＢＣＤ－ＥＦＧＨ')).toBe('ABCD-EFGH');
    expect(tidyCode('#ABCD%2DEFGH')).toBe('ABCD-EFGH');
    expect(tidyCode('')).toBe('');
    expect(tidyCode('#')).toBe('');
  });
});

describe('the way back after signing in', () => {
  it('keeps paths on this site only', () => {
    expect(safeReturnPath('/invite#ABCD-EFGH')).toBe('/invite#ABCD-EFGH');
    expect(safeReturnPath('/me?x=1')).toBe('/me?x=1');
    expect(safeReturnPath('//evil.example/me')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(safeReturnPath('https://evil.example/')).toBeNull();
    expect(safeReturnPath('javascript:alert(1)')).toBeNull();
    expect(safeReturnPath('/me\n')).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath('')).toBeNull();
  });

  it('writes the sign-in address with it', () => {
    expect(signInPath('/invite#AB-CD')).toBe('/sign-in?next=%2Finvite%23AB-CD');
    expect(signInPath('//evil.example')).toBe('/sign-in');
    expect(safeReturnPath(new URLSearchParams('next=%2Finvite%23AB-CD').get('next'))).toBe(
      '/invite#AB-CD',
    );
  });
});

describe('words for proxies', () => {
  it('has every relationship, level and known action in both languages', () => {
    const keys = [
      ...RELATIONSHIPS.map(relationshipKey),
      levelKey('view'),
      levelKey('manage'),
      ...[
        'proxy.registered',
        'proxy.linked',
        'proxy.revoked',
        'health_record.viewed',
        'consent.withdrawn',
        'data.exported',
      ].map(actionKey),
    ];
    for (const key of keys) {
      expect(dictionaries.ja[key], key).toBeTruthy();
      expect(dictionaries.en[key], key).toBeTruthy();
    }
    expect(actionKey('health_record.viewed')).toBe('proxy.action.health_record_viewed');
    expect(actionKey('something.new')).toBe('proxy.action.other');
  });
});

describe('files and pictures', () => {
  it('makes an image address of an SVG', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,%3Csvg')).toBe(true);
    expect(decodeURIComponent(url.split(',')[1] ?? '')).toContain('<path d="M0 0h1"/>');
  });

  it('reads the file name the server gives', () => {
    expect(fileNameFrom('attachment; filename="renkei-R1.fhir.json"', 'x')).toBe(
      'renkei-R1.fhir.json',
    );
    expect(fileNameFrom("attachment; filename*=UTF-8''renkei-%E5%B1%B1.json", 'x')).toBe(
      'renkei-山.json',
    );
    expect(fileNameFrom(null, 'fallback.json')).toBe('fallback.json');
    expect(fileNameFrom('attachment', 'fallback.json')).toBe('fallback.json');
  });
});

describe('words the app does not know yet', () => {
  it('read as the general ones', () => {
    expect(relationshipKey('cousin' as never)).toBe('proxy.relationship.other');
    expect(levelKey('everything' as never)).toBe('proxy.level.view');
  });
});
