/**
 * Passkeys (WebAuthn) in the browser. The server sends the ceremony options as JSON
 * (`{publicKey: ...}` from webauthn-rs); the browser turns them into its own objects with
 * `PublicKeyCredential.parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON`, and the
 * answer goes back as `credential.toJSON()`. Older browsers lack those three: the same
 * conversion is done here by hand (base64url <-> ArrayBuffer), so older phones still work.
 *
 * Failures are sorted into what the person can do about them:
 * - `cancelled`: they closed the prompt or it timed out (NotAllowedError) — try again, or carry
 *   on without a passkey;
 * - `unsupported`: this browser or phone cannot make passkeys — carry on without;
 * - `exists`: this phone already holds a passkey for this account (InvalidStateError);
 * - `failed`: anything else.
 */

export type PasskeyProblem = 'cancelled' | 'unsupported' | 'exists' | 'failed';

export type PasskeyOutcome<T> =
  | { readonly ok: true; readonly credential: T }
  | { readonly ok: false; readonly problem: PasskeyProblem };

/** The credential as JSON, to post to the server. */
export type CredentialJson = Record<string, unknown>;

type Json = Record<string, unknown>;

/** True when this browser has WebAuthn at all. */
export function passkeysSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.PublicKeyCredential === 'function' &&
    typeof navigator.credentials?.create === 'function' &&
    window.isSecureContext
  );
}

/**
 * True when the phone can make a passkey that unlocks with its own screen lock, fingerprint or
 * face (a "platform authenticator"). False means: offer sign-in by email code instead.
 */
export async function platformPasskeysAvailable(): Promise<boolean> {
  if (!passkeysSupported()) return false;
  try {
    const check = PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable;
    if (typeof check !== 'function') return true; // cannot tell: let the attempt decide
    return await check.call(PublicKeyCredential);
  } catch {
    return false;
  }
}

/** True when the browser can offer passkeys in the autofill list of a sign-in field. */
export async function conditionalMediationAvailable(): Promise<boolean> {
  if (!passkeysSupported()) return false;
  try {
    const check = (
      PublicKeyCredential as unknown as { isConditionalMediationAvailable?: () => Promise<boolean> }
    ).isConditionalMediationAvailable;
    return typeof check === 'function' ? await check.call(PublicKeyCredential) : false;
  } catch {
    return false;
  }
}

export function base64urlToBuffer(value: string): ArrayBuffer {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export function bufferToBase64url(buffer: ArrayBuffer | ArrayBufferView): string {
  const bytes =
    buffer instanceof ArrayBuffer
      ? new Uint8Array(buffer)
      : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null;
}

function withIds(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item: unknown) =>
    isObject(item) && typeof item['id'] === 'string'
      ? { ...item, id: base64urlToBuffer(item['id']) }
      : item,
  );
}

type StaticJsonParsers = {
  parseCreationOptionsFromJSON?: (json: unknown) => PublicKeyCredentialCreationOptions;
  parseRequestOptionsFromJSON?: (json: unknown) => PublicKeyCredentialRequestOptions;
};

/** Creation options from the server's JSON (`options.publicKey`). */
export function creationOptionsFromJson(json: unknown): PublicKeyCredentialCreationOptions {
  const parse = (globalThis.PublicKeyCredential as unknown as StaticJsonParsers | undefined)
    ?.parseCreationOptionsFromJSON;
  if (typeof parse === 'function') return parse.call(PublicKeyCredential, json);
  const options = isObject(json) ? json : {};
  const user = isObject(options['user']) ? options['user'] : {};
  return {
    ...options,
    challenge: base64urlToBuffer(String(options['challenge'] ?? '')),
    user: { ...user, id: base64urlToBuffer(String(user['id'] ?? '')) },
    excludeCredentials: withIds(options['excludeCredentials']),
  } as unknown as PublicKeyCredentialCreationOptions;
}

/** Request (sign-in) options from the server's JSON (`options.publicKey`). */
export function requestOptionsFromJson(json: unknown): PublicKeyCredentialRequestOptions {
  const parse = (globalThis.PublicKeyCredential as unknown as StaticJsonParsers | undefined)
    ?.parseRequestOptionsFromJSON;
  if (typeof parse === 'function') return parse.call(PublicKeyCredential, json);
  const options = isObject(json) ? json : {};
  return {
    ...options,
    challenge: base64urlToBuffer(String(options['challenge'] ?? '')),
    allowCredentials: withIds(options['allowCredentials']),
  } as unknown as PublicKeyCredentialRequestOptions;
}

/** The credential as the JSON the server reads (what `credential.toJSON()` gives). */
export function credentialToJson(credential: PublicKeyCredential): CredentialJson {
  const withToJson = credential as PublicKeyCredential & { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return withToJson.toJSON() as CredentialJson;
  const response = credential.response;
  const out: Json = {
    id: credential.id,
    rawId: bufferToBase64url(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
  };
  if ('attestationObject' in response) {
    const attestation = response as AuthenticatorAttestationResponse;
    out['response'] = {
      clientDataJSON: bufferToBase64url(attestation.clientDataJSON),
      attestationObject: bufferToBase64url(attestation.attestationObject),
      transports:
        typeof attestation.getTransports === 'function' ? attestation.getTransports() : [],
    };
  } else {
    const assertion = response as AuthenticatorAssertionResponse;
    out['response'] = {
      clientDataJSON: bufferToBase64url(assertion.clientDataJSON),
      authenticatorData: bufferToBase64url(assertion.authenticatorData),
      signature: bufferToBase64url(assertion.signature),
      userHandle: assertion.userHandle ? bufferToBase64url(assertion.userHandle) : undefined,
    };
  }
  return out;
}

function problemOf(err: unknown): PasskeyProblem {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'AbortError':
      return 'cancelled';
    case 'NotSupportedError':
    case 'SecurityError':
      return 'unsupported';
    case 'InvalidStateError':
      return 'exists';
    default:
      return 'failed';
  }
}

/** The `publicKey` member of the server's options, whatever wraps it. */
function publicKeyOf(options: unknown): unknown {
  return isObject(options) && 'publicKey' in options ? options['publicKey'] : options;
}

/** Make a new passkey on this phone from the server's options (`{publicKey: ...}`). */
export async function createPasskey(options: unknown): Promise<PasskeyOutcome<CredentialJson>> {
  if (!passkeysSupported()) return { ok: false, problem: 'unsupported' };
  try {
    const publicKey = creationOptionsFromJson(publicKeyOf(options));
    const credential = await navigator.credentials.create({ publicKey });
    if (!(credential instanceof PublicKeyCredential)) return { ok: false, problem: 'failed' };
    return { ok: true, credential: credentialToJson(credential) };
  } catch (err) {
    return { ok: false, problem: problemOf(err) };
  }
}

/**
 * Sign in with a passkey from the server's options. With `conditional`, the browser offers the
 * passkeys in the autofill list of the field marked `autocomplete="username webauthn"` and the
 * promise settles only when the person picks one (or `signal` aborts it).
 */
export async function getPasskey(
  options: unknown,
  { conditional = false, signal }: { conditional?: boolean; signal?: AbortSignal } = {},
): Promise<PasskeyOutcome<CredentialJson>> {
  if (!passkeysSupported()) return { ok: false, problem: 'unsupported' };
  try {
    const publicKey = requestOptionsFromJson(publicKeyOf(options));
    const request: CredentialRequestOptions = { publicKey };
    if (conditional) request.mediation = 'conditional' as CredentialMediationRequirement;
    if (signal) request.signal = signal;
    const credential = await navigator.credentials.get(request);
    if (!(credential instanceof PublicKeyCredential)) return { ok: false, problem: 'failed' };
    return { ok: true, credential: credentialToJson(credential) };
  } catch (err) {
    return { ok: false, problem: problemOf(err) };
  }
}
