import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  bootstrapResponse,
  maxDevicesResponse,
  tenantListResponse,
  type BootstrapBody,
} from '../../common/protocol/tenants';
import { apiJson } from './client';
import { tenantsKey } from './keys';

export function useTenants() {
  return useQuery({ queryKey: tenantsKey, queryFn: () => apiJson('/tenants', tenantListResponse) });
}

export function useSetMaxDevices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, maxDevices }: { id: string; maxDevices: number }) =>
      apiJson(`/tenants/${encodeURIComponent(id)}/max-devices`, maxDevicesResponse, {
        method: 'PATCH',
        body: { maxDevices },
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
