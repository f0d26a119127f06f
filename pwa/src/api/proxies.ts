import { withoutActingFor } from './acting-for-middleware';
import { api, call, type ApiResult } from './client';
import type { components } from './schema';
import type { CredentialJson } from '../lib/passkeys';
import type { ProxyLevel, Relationship } from '../lib/acting-for';

/**
 * Family proxies: the people the signed-in person acts for (and registering one), the
 * person's own proxies and invitations, accepting an invitation, claiming one's own sign-in
 * after being registered by family, and hiding records from proxies.
 */

type Schemas = components['schemas'];

/** The server's objects; the fixed sets of words (relationship, level, status, …) are the spec's. */
export type PersonActedFor = Schemas['PersonActedFor'];
export type Reason = Schemas['ProxyReason'];
export type Attestation = Schemas['Attestation'];
export type RegisterPersonRequest = Omit<
  Schemas['RegisterPersonRequest'],
  'relationship' | 'reason' | 'attestation'
> & { relationship: Relationship; reason: Reason; attestation: Attestation };
export type PersonRegistered = Schemas['PersonRegistered'];
export type ProxyHistoryItem = Schemas['ProxyEvent'];
export type ProxyItem = Schemas['ProxyItem'];
export type InvitationItem = Schemas['InvitationItem'];
export type MyProxies = Schemas['MyProxies'];
export type InvitationCreated = Schemas['InvitationCreated'];
export type InvitationView = Schemas['InvitationView'];
export type Claimed = Schemas['Claimed'];
export type RecordVisibility = Schemas['Visibility'];

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export async function getPeople(
  signal?: AbortSignal,
): Promise<ApiResult<{ people: PersonActedFor[] }>> {
  return await call((init) => api.GET('/me/people', init), opts(signal));
}

export function registerPerson(body: RegisterPersonRequest): Promise<ApiResult<PersonRegistered>> {
  return call((init) => api.POST('/me/people', { ...init, body }));
}

export async function getMyProxies(signal?: AbortSignal): Promise<ApiResult<MyProxies>> {
  return await call((init) => api.GET('/me/proxies', init), opts(signal));
}

/** The person confirms a proxy (or renews the link at its review date). */
export async function confirmProxy(linkId: string): Promise<ApiResult<ProxyItem>> {
  return await call((init) =>
    api.POST('/me/proxies/{link}/confirm', { ...init, params: { path: { link: linkId } } }),
  );
}

export async function revokeProxy(linkId: string): Promise<ApiResult<ProxyItem>> {
  return await call((init) =>
    api.POST('/me/proxies/{link}/revoke', { ...init, params: { path: { link: linkId } } }),
  );
}

/**
 * A proxy stepping down: ends the signed-in person's own link to someone they act for. Always
 * as themselves, never with the acting-for header (the server lets a proxy end their own link
 * this way; both sides are mailed).
 */
export async function stepDown(linkId: string): Promise<ApiResult<ProxyItem>> {
  return await call((init) =>
    api.POST('/me/proxies/{link}/revoke', {
      ...init,
      params: { path: { link: linkId } },
      middleware: [withoutActingFor],
    }),
  );
}

export async function createInvitation(level: ProxyLevel): Promise<ApiResult<InvitationCreated>> {
  return await call((init) => api.POST('/me/invitations', { ...init, body: { level } }));
}

export function cancelInvitation(id: string): Promise<ApiResult<unknown>> {
  return call((init) =>
    api.POST('/me/invitations/{id}/cancel', { ...init, params: { path: { id } } }),
  );
}

export async function lookUpInvitation(
  code: string,
  signal?: AbortSignal,
): Promise<ApiResult<InvitationView>> {
  return await call(
    (init) => api.POST('/invitations/lookup', { ...init, body: { code } }),
    opts(signal),
  );
}

export async function acceptInvitation(
  code: string,
  relationship: Relationship,
): Promise<ApiResult<PersonActedFor>> {
  return await call((init) =>
    api.POST('/invitations/accept', { ...init, body: { code, relationship } }),
  );
}

export function claimPasskeyOptions(
  code: string,
  birthDate: string,
): Promise<ApiResult<Schemas['PasskeyOptions']>> {
  return call((init) =>
    api.POST('/claims/passkey-options', { ...init, body: { code, birthDate } }),
  );
}

export function completeClaim(
  code: string,
  birthDate: string,
  credential: CredentialJson,
): Promise<ApiResult<Claimed>> {
  return call((init) =>
    api.POST('/claims/complete', { ...init, body: { code, birthDate, credential } }),
  );
}

export function setRecordVisibility(
  id: string,
  hiddenFromProxies: boolean,
): Promise<ApiResult<RecordVisibility>> {
  return call((init) =>
    api.PUT('/me/records/{id}/visibility', {
      ...init,
      params: { path: { id } },
      body: { hiddenFromProxies },
    }),
  );
}

/**
 * A family member takes the paper form's proxy role for the person with their own sign-in
 * (signed in as themselves: 401 otherwise): the claim code and the person's date of birth.
 */
export async function acceptClaimAsProxy(
  code: string,
  birthDate: string,
  relationship: Relationship,
): Promise<ApiResult<PersonActedFor>> {
  return await call((init) =>
    api.POST('/claims/accept-as-proxy', { ...init, body: { code, birthDate, relationship } }),
  );
}
