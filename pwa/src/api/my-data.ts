import { api, call, type ApiResult } from './client';
import type { components } from './schema';

/**
 * The person's rights over what is held about them: downloading all of it, asking the network
 * office for a correction, and erasing the medication and allergy data after withdrawing.
 */

type Schemas = components['schemas'];
export type Correction = Schemas['Correction'];
export type Erased = Schemas['ErasedBody'];

/** Everything held about the person, as JSON (a plain link: the browser saves the file). */
export const EXPORT_ALL_URL = '/api/me/export';
/** The same as a FHIR R4 Bundle, with a Consent per consent given and an AuditEvent per access. */
export const EXPORT_ALL_FHIR_URL = '/api/me/export/fhir';

/** The longest correction request the server accepts, in characters. */
export const CORRECTION_MAX = 2000;

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getMyCorrections(signal?: AbortSignal): Promise<ApiResult<Correction[]>> {
  return call((init) => api.GET('/me/corrections', init), opts(signal));
}

export function requestCorrection(text: string): Promise<ApiResult<Correction>> {
  return call((init) => api.POST('/me/corrections', { ...init, body: { text } }));
}

/** Erase the medication and allergy data; 409 `still_joined` while a consent is in force. */
export function eraseMedicalData(): Promise<ApiResult<Erased>> {
  return call((init) => api.POST('/me/medical-data/erase', { ...init, body: { confirm: true } }));
}
