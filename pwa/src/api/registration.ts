import { api, call, type ApiResult } from './client';
import type { components } from './schema';
import type { CredentialJson } from '../lib/passkeys';

/**
 * Registration: details → emailed code → passkey (or not) → done. Every call carries the
 * flow's `key` (32 hex characters made once per flow), so sending the details again after a
 * dropped connection or a correction updates the same registration instead of starting another.
 */

type Schemas = components['schemas'];
export type ConsentDocument = Schemas['ConsentDocument'];
export type RegistrationRequest = Schemas['RegistrationRequest'];
export type RegistrationStatus = Schemas['RegistrationStatus'];
export type RegistrationDone = Schemas['RegistrationDone'];
export type PasskeyOptions = Schemas['PasskeyOptions'];

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** The consent document in force for a network (404: it takes no online registrations). */
export function getConsent(
  network: string,
  signal?: AbortSignal,
): Promise<ApiResult<ConsentDocument>> {
  return call(
    (init) => api.GET('/networks/{code}/consent', { ...init, params: { path: { code: network } } }),
    opts(signal),
  );
}

export function sendDetails(body: RegistrationRequest): Promise<ApiResult<RegistrationStatus>> {
  return call((init) => api.POST('/registrations', { ...init, body }));
}

export function verifyEmail(key: string, code: string): Promise<ApiResult<RegistrationStatus>> {
  return call((init) => api.POST('/registrations/verify-email', { ...init, body: { key, code } }));
}

export function resendCode(key: string): Promise<ApiResult<RegistrationStatus>> {
  return call((init) => api.POST('/registrations/resend-code', { ...init, body: { key } }));
}

export function registrationPasskeyOptions(key: string): Promise<ApiResult<PasskeyOptions>> {
  return call((init) => api.POST('/registrations/passkey-options', { ...init, body: { key } }));
}

/** Finish: with the new passkey's credential, or without one (sign-in by email code later). */
export function completeRegistration(
  key: string,
  credential?: CredentialJson,
): Promise<ApiResult<RegistrationDone>> {
  const body = credential ? { key, credential } : { key };
  return call((init) => api.POST('/registrations/complete', { ...init, body }));
}
