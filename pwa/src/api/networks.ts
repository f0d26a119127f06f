import { api, call, type ApiResult } from './client';
import type { paths } from './schema';
import type { SuccessResponse, ResponseObjectMap } from 'openapi-typescript-helpers';

/** One network as listed publicly by `GET /api/networks`. */
export type NetworkSummary = SuccessResponse<ResponseObjectMap<paths['/networks']['get']>>[number];

export function listNetworks(signal?: AbortSignal): Promise<ApiResult<NetworkSummary[]>> {
  return call((init) => api.GET('/networks', init), signal ? { signal } : {});
}
