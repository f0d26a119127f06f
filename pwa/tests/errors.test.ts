import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorMessages, isErrorCode } from '../src/i18n';

// The codes the API and the app promise to translate.
const REQUIRED = [
  'not_found',
  'validation_failed',
  'payload_too_large',
  'internal',
  'service_unavailable',
  'busy',
  'network',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'conflict',
  'bad_request',
  'unsupported_media_type',
  'method_not_allowed',
  'invalid_body',
  'invalid_parameter',
];

describe('error messages', () => {
  it('cover every required code', () => {
    for (const code of REQUIRED) expect(isErrorCode(code), code).toBe(true);
  });

  it('have Japanese and English text for every code', () => {
    for (const code of ERROR_CODES) {
      const { ja, en } = errorMessages[code];
      expect(ja, code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(en, code).toMatch(/^[\x20-\x7e’“”—]+$/);
    }
  });

  it('tell the person what to do next', () => {
    for (const code of ERROR_CODES) {
      const { ja, en } = errorMessages[code];
      // Japanese: a polite request (…てください / …にご相談ください).
      expect(ja, code).toMatch(/ください。$/);
      // English: an instruction (an imperative sentence after the explanation).
      expect(en, code).toMatch(
        /\b(try again|sign in|ask|choose|check|reload|wait|correct|make|send|open)\b/i,
      );
    }
  });

  it('are distinct, so each problem reads differently', () => {
    const ja = new Set(ERROR_CODES.map((c) => errorMessages[c].ja));
    const en = new Set(ERROR_CODES.map((c) => errorMessages[c].en));
    expect(ja.size).toBe(ERROR_CODES.length);
    expect(en.size).toBe(ERROR_CODES.length);
  });

  it('rejects unknown codes', () => {
    expect(isErrorCode('teapot')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
