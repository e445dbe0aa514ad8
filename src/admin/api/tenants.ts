import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  bootstrapResponse,
  licenceHistoryResponse,
  maxDevicesResponse,
  tenantListResponse,
  type BootstrapBody,
} from '../../common/protocol/tenants';
import { apiJson } from './client';
import { tenantsKey } from './keys';

export type TenantSort = 'limitHits' | 'created';

/** Pages of tenants by cursor, for thousands of shops: search by name, owner email or id; sort. */
export function useTenants(search: string, sort: TenantSort) {
  return useInfiniteQuery({
    queryKey: [...tenantsKey, 'list', search, sort],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ sort, limit: '50' });
      if (search) query.set('search', search);
      if (pageParam) query.set('cursor', pageParam);
      return apiJson(`/tenants?${query.toString()}`, tenantListResponse);
    },
    getNextPageParam: (last) => (last.hasMore ? last.cursor : null),
    placeholderData: keepPreviousData,
  });
}

export function useLicenceHistory(tenantId: string | null) {
  return useQuery({
    queryKey: [...tenantsKey, 'history', tenantId],
    enabled: tenantId !== null,
    queryFn: () =>
      apiJson(`/tenants/${encodeURIComponent(tenantId!)}/licence-history`, licenceHistoryResponse),
  });
}

export function useSetMaxDevices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, maxDevices, note }: { id: string; maxDevices: number; note?: string }) =>
      apiJson(`/tenants/${encodeURIComponent(id)}/max-devices`, maxDevicesResponse, {
        method: 'PATCH',
        body: { maxDevices, ...(note ? { note } : {}) },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: tenantsKey }),
  });
}

export function useBootstrapTenant() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BootstrapBody) => apiJson('/bootstrap', bootstrapResponse, { method: 'POST', body }),
    onSettled: () => client.invalidateQueries({ queryKey: tenantsKey }),
  });
}
