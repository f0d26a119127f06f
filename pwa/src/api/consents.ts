import { api, call, type ApiResult } from './client';
import type { components } from './schema';

/**
 * The signed-in person's consents: each network's state and the whole history
 * (`GET /me/consents`), agreeing to a network's document in force (join, re-join or renew),
 * withdrawing, and any version of a consent document as it was shown.
 */

type Schemas = components['schemas'];
export type ConsentOverview = Schemas['ConsentOverview'];
export type Membership = Schemas['MembershipBody'];
export type HistoryItem = Schemas['HistoryItem'];
export type JoinableNetwork = Schemas['JoinableNetwork'];
export type NetworkName = Schemas['NetworkName'];
export type Agreed = Schemas['AgreedBody'];
export type Withdrawn = Schemas['WithdrawnBody'];
export type ConsentDocument = Schemas['ConsentDocument'];

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getMyConsents(signal?: AbortSignal): Promise<ApiResult<ConsentOverview>> {
  return call((init) => api.GET('/me/consents', init), opts(signal));
}

/**
 * Agree to the version of a network's document that the page showed. The server answers 409
 * `consent_version_stale` when a newer one came into force meanwhile (nothing is recorded).
 */
export function agreeToConsent(network: string, version: number): Promise<ApiResult<Agreed>> {
  return call((init) =>
    api.POST('/me/networks/{code}/consent', {
      ...init,
      params: { path: { code: network } },
      body: { version },
    }),
  );
}

/**
 * Withdraw the consent the page showed (`consentId`): if it is not the one in force any more,
 * the server changes nothing and answers 409 `consent_changed`.
 */
export function withdrawConsent(network: string, consentId: string): Promise<ApiResult<Withdrawn>> {
  return call((init) =>
    api.POST('/me/networks/{code}/withdraw', {
      ...init,
      params: { path: { code: network } },
      body: { consentId },
    }),
  );
}

/** One version of a network's consent document, as it was shown (public). */
export function getConsentVersion(
  network: string,
  version: number,
  signal?: AbortSignal,
): Promise<ApiResult<ConsentDocument>> {
  return call(
    (init) =>
      api.GET('/networks/{code}/consent/versions/{version}', {
        ...init,
        params: { path: { code: network, version } },
      }),
    opts(signal),
  );
}
