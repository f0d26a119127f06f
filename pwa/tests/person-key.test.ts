import { describe, expect, it } from 'vitest';
import { groupsOf, personKeyBody, readPersonKey } from '../src/lib/person-key';

/**
 * What a desk scanner or a person types into the console's one box, read as the server's
 * `PersonQr::parse` and registration-number fields take it (api/src/domain/looking.rs).
 */
describe('readPersonKey', () => {
  it('reads a scanned QR as the QR, whatever case or width the scanner typed', () => {
    for (const text of [
      'RENKEI:PYK8W8Y1Z31:KNDVZH602',
      'renkei:pyk8w8y1z31:kndvzh602',
      'ＲＥＮＫＥＩ：ＰＹＫ８Ｗ８Ｙ１Ｚ３１：ＫＮＤＶＺＨ６０２',
      '  RENKEI:PYK8W8Y1Z31:KNDVZH602\n',
      // A scanner set up for a US keyboard on a Japanese one types `+` (or `*`) for `:`.
      'RENKEI+PYK8W8Y1Z31+KNDVZH602',
      'RENKEI*PYK8W8Y1Z31*KNDVZH602',
    ]) {
      expect(readPersonKey(text), text).toEqual({
        ok: true,
        key: { kind: 'qr', qrCode: 'RENKEI:PYK8W8Y1Z31KNDVZH602' },
      });
    }
  });

  it('reads the number and the code printed under the QR, typed, as the QR', () => {
    for (const text of [
      'PYK8-W8Y1-Z31 KNDV-ZH60-2',
      'pyk8w8y1z31kndvzh602',
      'PYK8 W8Y1 Z31　KNDV ZH60 2',
      'PYK8－W8Y1－Z31／KNDV－ZH60－2',
    ]) {
      const read = readPersonKey(text);
      expect(read.ok && read.key.kind, text).toBe('qr');
      expect(read.ok && personKeyBody(read.key)).toEqual({
        qrCode: 'RENKEI:PYK8W8Y1Z31KNDVZH602',
      });
    }
  });

  it('reads a registration number alone as the number', () => {
    for (const text of ['PYK8-W8Y1-Z31', 'pyk8w8y1z31', 'ＰＹＫ８－Ｗ８Ｙ１－Ｚ３１']) {
      expect(readPersonKey(text), text).toEqual({
        ok: true,
        key: { kind: 'number', registrationNumber: 'PYK8W8Y1Z31' },
      });
    }
    const read = readPersonKey('PYK8-W8Y1-Z31');
    expect(read.ok && personKeyBody(read.key)).toEqual({ registrationNumber: 'PYK8W8Y1Z31' });
  });

  it('says what is missing or unreadable, leaving check characters to the server', () => {
    expect(readPersonKey('  ')).toEqual({ ok: false, problem: 'required' });
    expect(readPersonKey('RENKEI:')).toEqual({ ok: false, problem: 'invalid' });
    expect(readPersonKey('山田 花子')).toEqual({ ok: false, problem: 'invalid' });
    expect(readPersonKey('https://example.jp/r/ABCD')).toEqual({ ok: false, problem: 'invalid' });
    // A wrong check character is the server's to find: the shape is right.
    expect(readPersonKey('PYK8-W8Y1-Z30').ok).toBe(true);
  });
});

describe('groupsOf', () => {
  it('groups a printed code in fours for reading out', () => {
    expect(groupsOf('PYK8-W8Y1-Z31')).toEqual(['PYK8', 'W8Y1', 'Z31']);
    expect(groupsOf('KNDVZH602')).toEqual(['KNDV', 'ZH60', '2']);
    expect(groupsOf('')).toEqual([]);
  });
});
