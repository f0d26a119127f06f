import { describe, expect, it } from 'vitest';
import {
  compactCode,
  displayCode,
  entryPath,
  posterPath,
  qrImagePath,
} from '../src/lib/entry-code';
import { entryStateFrom, type EntryPoint } from '../src/api/entry-points';

describe('compactCode', () => {
  it.each([
    ['7K3M-QX9P-R', '7K3MQX9PR'],
    ['7k3m-qx9p-r', '7K3MQX9PR'],
    [' 7K3M QX9P R ', '7K3MQX9PR'],
    // Full-width letters, digits and hyphens, as a Japanese keyboard may type them.
    ['７Ｋ３Ｍ－ＱＸ９Ｐ－Ｒ', '7K3MQX9PR'],
    ['7K3M‐QX9P―R', '7K3MQX9PR'],
    ['7K3MQX9PR', '7K3MQX9PR'],
  ])('%j → %s', (input, expected) => {
    expect(compactCode(input)).toBe(expected);
  });
});

describe('displayCode', () => {
  it('groups letters and digits in fours, as printed on the poster', () => {
    expect(displayCode('7K3MQX9PR')).toBe('7K3M-QX9P-R');
    expect(displayCode('7k3m-qx9p-r')).toBe('7K3M-QX9P-R');
    expect(displayCode('NOPE-NOPE-0')).toBe('NOPE-NOPE-0');
    expect(displayCode('ABC')).toBe('ABC');
    // The check character can be one of * ~ $ = as well.
    expect(displayCode('twjx4d0d~')).toBe('TWJX-4D0D-~');
    expect(displayCode('TWJX-4D0D-$')).toBe('TWJX-4D0D-$');
  });

  it('shows anything else as it came, cut short when long', () => {
    expect(displayCode('あいう')).toBe('あいう');
    expect(displayCode('x'.repeat(40))).toBe(`${'x'.repeat(24)}…`);
    expect(displayCode('<b>7K3M</b>')).toBe('<b>7K3M</b>');
    expect(displayCode('   ')).toBe('');
  });
});

describe('paths', () => {
  it('use the compact code, safely encoded', () => {
    expect(entryPath('7K3M-QX9P-R')).toBe('/r/7K3MQX9PR');
    expect(posterPath('7k3m-qx9p-r')).toBe('/poster/7K3MQX9PR');
    expect(qrImagePath('7K3M-QX9P-R')).toBe('/api/entry-points/7K3MQX9PR/qr.svg');
    expect(qrImagePath('a/b?c')).toBe('/api/entry-points/A%2FB%3FC/qr.svg');
    expect(entryPath('TWJX-4D0D-$')).toBe('/r/TWJX4D0D%24');
  });
});

describe('entryStateFrom', () => {
  const entry: EntryPoint = {
    code: '7K3M-QX9P-R',
    active: true,
    network: { code: 'demo', name: 'デモ連携ネット', demo: true, facilityCount: 6 },
    url: 'http://localhost/r/7K3MQX9PR',
  };

  it('tells an active code from a withdrawn one', () => {
    expect(entryStateFrom({ ok: true, data: entry })).toEqual({ status: 'active', entry });
    const withdrawn = { ...entry, active: false };
    expect(entryStateFrom({ ok: true, data: withdrawn })).toEqual({
      status: 'withdrawn',
      entry: withdrawn,
    });
  });

  it('treats an unknown or malformed code as "not found", not as an error', () => {
    for (const code of ['not_found', 'invalid_parameter', 'validation_failed'] as const) {
      expect(entryStateFrom({ ok: false, error: { code, status: 404 } })).toEqual({
        status: 'not_found',
      });
    }
  });

  it('keeps failures that trying again may fix as errors', () => {
    expect(entryStateFrom({ ok: false, error: { code: 'network', status: null } })).toEqual({
      status: 'error',
      code: 'network',
    });
    expect(
      entryStateFrom({ ok: false, error: { code: 'internal', status: 500, requestId: 'r-1' } }),
    ).toEqual({ status: 'error', code: 'internal', requestId: 'r-1' });
    expect(entryStateFrom({ ok: false, error: { code: 'rate_limited', status: 429 } }).status).toBe(
      'error',
    );
  });
});
