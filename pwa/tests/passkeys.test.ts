import { describe, expect, it } from 'vitest';
import {
  base64urlToBuffer,
  bufferToBase64url,
  creationOptionsFromJson,
  requestOptionsFromJson,
} from '../src/lib/passkeys';

describe('passkey JSON for browsers without parse*FromJSON', () => {
  it('turns base64url into bytes and back', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    const text = bufferToBase64url(bytes);
    expect(text).not.toMatch(/[+/=]/);
    expect(new Uint8Array(base64urlToBuffer(text))).toEqual(bytes);
    expect(bufferToBase64url(base64urlToBuffer('AQID'))).toBe('AQID');
  });

  it('decodes the challenge, the user id and credential ids of the server options', () => {
    const creation = creationOptionsFromJson({
      rp: { id: 'localhost', name: 'renkei' },
      user: { id: 'AQID', name: 'x', displayName: 'x' },
      challenge: 'BAUG',
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      excludeCredentials: [{ type: 'public-key', id: 'BwgJ' }],
    });
    expect(new Uint8Array(creation.challenge as ArrayBuffer)).toEqual(new Uint8Array([4, 5, 6]));
    expect(new Uint8Array(creation.user.id as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
    expect(new Uint8Array(creation.excludeCredentials?.[0]?.id as ArrayBuffer)).toEqual(
      new Uint8Array([7, 8, 9]),
    );
    expect(creation.rp.id).toBe('localhost');

    const request = requestOptionsFromJson({
      challenge: 'BAUG',
      allowCredentials: [],
      userVerification: 'required',
    });
    expect(new Uint8Array(request.challenge as ArrayBuffer)).toEqual(new Uint8Array([4, 5, 6]));
    expect(request.allowCredentials).toEqual([]);
    expect(request.userVerification).toBe('required');
  });
});
