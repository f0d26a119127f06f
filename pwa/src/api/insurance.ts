import { api, call, type ApiResult } from './client';
import type { components } from './schema';

/** A person's insurance over time: seeing it, adding a new one (the person or a proxy). */

type Schemas = components['schemas'];
export type MyInsurance = Schemas['MyInsuranceBody'];
export type InsuranceItem = Schemas['InsuranceItemBody'];
export type NewInsurance = Schemas['NewInsuranceBody'];

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function getMyInsurance(signal?: AbortSignal): Promise<ApiResult<MyInsurance>> {
  return call((init) => api.GET('/me/insurance', init), opts(signal));
}

export function addMyInsurance(body: NewInsurance): Promise<ApiResult<MyInsurance>> {
  return call((init) => api.POST('/me/insurance', { ...init, body }));
}
