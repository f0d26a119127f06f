import { api, call, type ApiResult } from './client';
import type { components } from './schema';
import type { CredentialJson } from '../lib/passkeys';

/** Signing in and out, recovery, and the signed-in person's own summary (`/me`). */

type Schemas = components['schemas'];
export type Me = Schemas['Me'];
export type SignedIn = Schemas['SignedInBody'];
export type SignInOptions = Schemas['SignInOptions'];
export type CodeSent = Schemas['CodeSent'];
export type PasskeyOptions = Schemas['PasskeyOptions'];
export type RecoveryRequest = Schemas['RecoveryRequest'];

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getMe(signal?: AbortSignal): Promise<ApiResult<Me>> {
  return call((init) => api.GET('/me', init), opts(signal));
}

export function signInPasskeyOptions(signal?: AbortSignal): Promise<ApiResult<SignInOptions>> {
  return call((init) => api.POST('/sign-in/passkey-options', init), opts(signal));
}

export function signInWithPasskey(
  ceremony: string,
  credential: CredentialJson,
): Promise<ApiResult<SignedIn>> {
  return call((init) => api.POST('/sign-in/passkey', { ...init, body: { ceremony, credential } }));
}

/**
 * Asks for a mailed code. `flow` is the answer's token of an earlier request from this page (a
 * resend); the code works only together with the token of the answer that sent it.
 */
export function requestSignInCode(
  email: string,
  birthDate: string,
  flow?: string,
): Promise<ApiResult<CodeSent>> {
  return call((init) =>
    api.POST('/sign-in/email-code', {
      ...init,
      body: { email, birthDate, ...(flow ? { flow } : {}) },
    }),
  );
}

export function signInWithEmailCode(
  email: string,
  code: string,
  flow: string,
): Promise<ApiResult<SignedIn>> {
  return call((init) => api.POST('/sign-in/email', { ...init, body: { email, code, flow } }));
}

export function recoverAccount(body: RecoveryRequest): Promise<ApiResult<SignedIn>> {
  return call((init) => api.POST('/recovery', { ...init, body }));
}

export function signOut(): Promise<ApiResult<unknown>> {
  return call((init) => api.POST('/sign-out', init));
}

/** Ends every session of the person on every device, this one included. */
export function signOutEverywhere(): Promise<ApiResult<unknown>> {
  return call((init) => api.POST('/me/sign-out-everywhere', init));
}

export function myPasskeyOptions(): Promise<ApiResult<PasskeyOptions>> {
  return call((init) => api.POST('/me/passkeys/options', init));
}

export function addMyPasskey(
  credential: CredentialJson,
): Promise<ApiResult<Schemas['PasskeyAdded']>> {
  return call((init) => api.POST('/me/passkeys', { ...init, body: { credential } }));
}
