import { api, call, type ApiResult } from './client';
import type { components } from './schema';

/**
 * What facilities may see of the signed-in person (or of the person acted for): the record of
 * every look, the facilities that may look now (and ending one), the registration QR that lets
 * a facility look, and whether the person's family are mailed when a facility looks.
 */

type Schemas = components['schemas'];
export type AccessEntry = Schemas['AccessEntryBody'];
export type AccessPage = Schemas['AccessRecordPage'];
export type CareRelationship = Schemas['CareRelationshipBody'];
export type RegistrationQr = Schemas['RegistrationQr'];
export type AccessAlerts = Schemas['AccessAlerts'];

/** How many entries a page of the access record asks for (the server allows 1..50). */
export const ACCESS_PAGE_SIZE = 20;

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** A page of the access record, newest first; `before` is the `next` of the page before. */
export function getAccessRecord(
  before?: string,
  signal?: AbortSignal,
): Promise<ApiResult<AccessPage>> {
  return call(
    (init) =>
      api.GET('/me/access', {
        ...init,
        params: { query: { limit: ACCESS_PAGE_SIZE, ...(before ? { before } : {}) } },
      }),
    opts(signal),
  );
}

export function getCareRelationships(
  signal?: AbortSignal,
): Promise<ApiResult<{ items: CareRelationship[] }>> {
  return call((init) => api.GET('/me/care-relationships', init), opts(signal));
}

/** The facility sees nothing more until the person shows their QR there again (or it sends). */
export function endCareRelationship(id: string): Promise<ApiResult<unknown>> {
  return call((init) =>
    api.DELETE('/me/care-relationships/{id}', { ...init, params: { path: { id } } }),
  );
}

export function getRegistrationQr(signal?: AbortSignal): Promise<ApiResult<RegistrationQr>> {
  return call((init) => api.GET('/me/registration-qr', init), opts(signal));
}

/** A new QR (a card was lost): the old one stops working at once. */
export function renewRegistrationQr(): Promise<ApiResult<RegistrationQr>> {
  return call((init) => api.POST('/me/registration-qr', init));
}

export function getAccessAlerts(signal?: AbortSignal): Promise<ApiResult<AccessAlerts>> {
  return call((init) => api.GET('/me/access-alerts', init), opts(signal));
}

export function setAccessAlerts(toProxies: boolean): Promise<ApiResult<AccessAlerts>> {
  return call((init) => api.PUT('/me/access-alerts', { ...init, body: { toProxies } }));
}
