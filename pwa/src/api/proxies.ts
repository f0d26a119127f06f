import type { Client } from 'openapi-fetch';
import { api, call, type ApiResult } from './client';
import type { components } from './schema';
import type { CredentialJson } from '../lib/passkeys';
import type { ProxyLevel, Relationship } from '../lib/acting-for';

/**
 * Family proxies: the people the signed-in person acts for (and registering one), the
 * person's own proxies and invitations, accepting an invitation, claiming one's own sign-in
 * after being registered by family, and hiding records from proxies.
 */

// The contract's shapes (issue 6), until the service's OpenAPI document describes them.
export interface PersonActedFor {
  linkId: string;
  registrationNumber: string;
  name: string;
  nameKana: string;
  relationship: Relationship;
  level: ProxyLevel;
  since: string;
  claimed: boolean;
}
export type Reason = 'no_phone' | 'cannot_operate' | 'illness' | 'cognitive' | 'other';
export type Attestation = 'person_agreed' | 'legal_representative';
export type RegisterPersonRequest = {
  network: string;
  consentVersion: number;
  relationship: Relationship;
  reason: Reason;
  reasonNote?: string;
  attestation: Attestation;
  email?: string;
} & Omit<components['schemas']['RegistrationRequest'], 'key' | 'entryPoint' | 'consentVersion' | 'email'>;
export interface PersonRegistered {
  registrationNumber: string;
  networkCode: string;
  networkName: string;
  networkNameEn?: string;
  consentVersion: number;
}
export interface ProxyHistoryItem {
  at: string;
  action: string;
}
export interface ProxyItem {
  linkId: string;
  name: string;
  relationship: Relationship;
  level: ProxyLevel;
  status: 'active' | 'revoked';
  via: 'registration' | 'invitation';
  since: string;
  revokedAt?: string;
  history: ProxyHistoryItem[];
}
export interface InvitationItem {
  id: string;
  level: ProxyLevel;
  createdAt: string;
  expiresAt: string;
  status: 'open' | 'accepted' | 'expired' | 'cancelled';
}
export interface MyProxies {
  proxies: ProxyItem[];
  invitations: InvitationItem[];
  limit: number;
}
export interface InvitationCreated {
  id: string;
  code: string;
  url: string;
  qrSvg: string;
  level: ProxyLevel;
  expiresAt: string;
}
export interface InvitationView {
  inviterName: string;
  level: ProxyLevel;
  expiresAt: string;
}
export interface Claimed {
  registrationNumber: string;
  name: string;
}
export interface RecordVisibility {
  id: string;
  hiddenFromProxies: boolean;
}

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json; charset=utf-8': T } };
type Failure = Json<components['schemas']['ErrorBody']>;
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Responses<Status extends number, Res> = { [S in Status]: Json<Res> } & {
  400: Failure;
  401: Failure;
  403: Failure;
  404: Failure;
  409: Failure;
  410: Failure;
  422: Failure;
};
type Op<P, Req, Status extends number, Res> = [Req] extends [never]
  ? { parameters: P; requestBody?: never; responses: Responses<Status, Res> }
  : {
      parameters: P;
      requestBody: { content: { 'application/json; charset=utf-8': Req } };
      responses: Responses<Status, Res>;
    };
type WithId<K extends string> = { query?: never; header?: never; path: { [key in K]: string }; cookie?: never };
type Methods = { get?: never; put?: never; post?: never; delete?: never; options?: never; head?: never; patch?: never; trace?: never };

interface ProxyPaths {
  '/me/people': Omit<Methods, 'get' | 'post'> & {
    parameters: NoParams;
    get: Op<NoParams, never, 200, { people: PersonActedFor[] }>;
    post: Op<NoParams, RegisterPersonRequest, 201, PersonRegistered>;
  };
  '/me/proxies': Omit<Methods, 'get'> & { parameters: NoParams; get: Op<NoParams, never, 200, MyProxies> };
  '/me/proxies/{linkId}/revoke': Omit<Methods, 'post'> & {
    parameters: WithId<'linkId'>;
    post: Op<WithId<'linkId'>, never, 200, ProxyItem>;
  };
  '/me/invitations': Omit<Methods, 'post'> & {
    parameters: NoParams;
    post: Op<NoParams, { level: ProxyLevel }, 201, InvitationCreated>;
  };
  '/me/invitations/{id}/cancel': Omit<Methods, 'post'> & {
    parameters: WithId<'id'>;
    post: Op<WithId<'id'>, never, 204, never>;
  };
  '/invitations/lookup': Omit<Methods, 'post'> & {
    parameters: NoParams;
    post: Op<NoParams, { code: string }, 200, InvitationView>;
  };
  '/invitations/accept': Omit<Methods, 'post'> & {
    parameters: NoParams;
    post: Op<NoParams, { code: string; relationship: Relationship }, 201, PersonActedFor>;
  };
  '/claims/passkey-options': Omit<Methods, 'post'> & {
    parameters: NoParams;
    post: Op<NoParams, { code: string; birthDate: string }, 200, components['schemas']['PasskeyOptions']>;
  };
  '/claims/complete': Omit<Methods, 'post'> & {
    parameters: NoParams;
    post: Op<NoParams, { code: string; birthDate: string; credential: CredentialJson }, 200, Claimed>;
  };
  '/me/records/{id}/visibility': Omit<Methods, 'put'> & {
    parameters: WithId<'id'>;
    put: Op<WithId<'id'>, { hiddenFromProxies: boolean }, 200, RecordVisibility>;
  };
}

// The same client (and so the same middleware: language, acting for), typed for these paths.
const proxyApi = api as unknown as Client<ProxyPaths>;

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getPeople(signal?: AbortSignal): Promise<ApiResult<{ people: PersonActedFor[] }>> {
  return call((init) => proxyApi.GET('/me/people', init), opts(signal));
}

export function registerPerson(body: RegisterPersonRequest): Promise<ApiResult<PersonRegistered>> {
  return call((init) => proxyApi.POST('/me/people', { ...init, body }));
}

export function getMyProxies(signal?: AbortSignal): Promise<ApiResult<MyProxies>> {
  return call((init) => proxyApi.GET('/me/proxies', init), opts(signal));
}

export function revokeProxy(linkId: string): Promise<ApiResult<ProxyItem>> {
  return call((init) => proxyApi.POST('/me/proxies/{linkId}/revoke', { ...init, params: { path: { linkId } } }));
}

export function createInvitation(level: ProxyLevel): Promise<ApiResult<InvitationCreated>> {
  return call((init) => proxyApi.POST('/me/invitations', { ...init, body: { level } }));
}

export function cancelInvitation(id: string): Promise<ApiResult<unknown>> {
  return call((init) => proxyApi.POST('/me/invitations/{id}/cancel', { ...init, params: { path: { id } } }));
}

export function lookUpInvitation(code: string, signal?: AbortSignal): Promise<ApiResult<InvitationView>> {
  return call((init) => proxyApi.POST('/invitations/lookup', { ...init, body: { code } }), opts(signal));
}

export function acceptInvitation(code: string, relationship: Relationship): Promise<ApiResult<PersonActedFor>> {
  return call((init) => proxyApi.POST('/invitations/accept', { ...init, body: { code, relationship } }));
}

export function claimPasskeyOptions(
  code: string,
  birthDate: string,
): Promise<ApiResult<components['schemas']['PasskeyOptions']>> {
  return call((init) => proxyApi.POST('/claims/passkey-options', { ...init, body: { code, birthDate } }));
}

export function completeClaim(code: string, birthDate: string, credential: CredentialJson): Promise<ApiResult<Claimed>> {
  return call((init) => proxyApi.POST('/claims/complete', { ...init, body: { code, birthDate, credential } }));
}

export function setRecordVisibility(id: string, hiddenFromProxies: boolean): Promise<ApiResult<RecordVisibility>> {
  return call((init) =>
    proxyApi.PUT('/me/records/{id}/visibility', { ...init, params: { path: { id } }, body: { hiddenFromProxies } }),
  );
}
