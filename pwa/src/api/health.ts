import { api, call, type ApiResult } from './client';
import type { components } from './schema';

/** The signed-in person's medication and allergy summary, emergency contact and export. */

type Schemas = components['schemas'];
export type HealthSummary = Schemas['HealthSummaryBody'];
export type CurrentMedicine = Schemas['CurrentMedicineItem'];
export type Medicine = Schemas['MedicineItem'];
export type Allergy = Schemas['AllergyItemBody'];
export type SafetyFlag = Schemas['SafetyFlag'];
export type EmergencyContact = Schemas['EmergencyContact'];

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getMySummary(signal?: AbortSignal): Promise<ApiResult<HealthSummary>> {
  return call((init) => api.GET('/me/summary', init), opts(signal));
}

export function setEmergencyContact(body: Schemas['EmergencyContactRequest']): Promise<ApiResult<EmergencyContact>> {
  return call((init) => api.PUT('/me/emergency-contact', { ...init, body }));
}

export function removeEmergencyContact(): Promise<ApiResult<unknown>> {
  return call((init) => api.DELETE('/me/emergency-contact', init));
}

/** The address of the FHIR download (a plain link: the browser saves the file). */
export const EXPORT_URL = '/api/me/summary/fhir';
