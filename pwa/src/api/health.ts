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
export type MedicineHistoryPage = Schemas['HistoryPageBody'];

/** How many history entries a "show more" asks for at once (the server allows 1..100). */
export const HISTORY_PAGE_SIZE = 50;

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getMySummary(signal?: AbortSignal): Promise<ApiResult<HealthSummary>> {
  return call((init) => api.GET('/me/summary', init), opts(signal));
}

/**
 * A page of the medicine history, newest first as the summary's `history` begins it: entries
 * `offset` to `offset + limit`. While acting for someone the acting-for middleware names them,
 * and the server leaves out what they hide from proxies, as in the summary.
 */
export function getMyMedicineHistory(
  offset: number,
  limit: number = HISTORY_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<ApiResult<MedicineHistoryPage>> {
  return call(
    (init) => api.GET('/me/summary/history', { params: { query: { offset, limit } }, ...init }),
    opts(signal),
  );
}

/**
 * The entries of a history page not already shown. Pages are positions in the history as it is
 * when each is read, so an entry that moved (a record arrived meanwhile) may come again.
 */
export function newEntries(shown: readonly Medicine[], page: readonly Medicine[]): Medicine[] {
  const ids = new Set(shown.map((m) => m.id));
  return page.filter((m) => !ids.has(m.id));
}

export function setEmergencyContact(
  body: Schemas['EmergencyContactRequest'],
): Promise<ApiResult<EmergencyContact>> {
  return call((init) => api.PUT('/me/emergency-contact', { ...init, body }));
}

export function removeEmergencyContact(): Promise<ApiResult<unknown>> {
  return call((init) => api.DELETE('/me/emergency-contact', init));
}

/** The address of the FHIR download (a plain link: the browser saves the file). */
export const EXPORT_URL = '/api/me/summary/fhir';
