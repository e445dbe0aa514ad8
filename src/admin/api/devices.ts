import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createDeviceResponse,
  deviceActionResponse,
  deviceListResponse,
  resetKeyResponse,
} from '../../common/protocol/devices';
import { apiJson } from './client';
import { devicesKey } from './keys';

export function useDevices() {
  return useQuery({ queryKey: devicesKey, queryFn: () => apiJson('/devices', deviceListResponse) });
}

export function useAddDevice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiJson('/devices', createDeviceResponse, { method: 'POST', body: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: devicesKey }),
  });
}

export type DeviceAction = 'revoke' | 'reset-key';

/** Both answer `{device}`; reset-key also carries the new key, shown once. */
export function useDeviceAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action, force }: { id: string; action: DeviceAction; force: boolean }) => {
      const path = `/devices/${encodeURIComponent(id)}/${action}${force ? '?force=true' : ''}`;
      if (action === 'reset-key') return apiJson(path, resetKeyResponse, { method: 'POST' });
      return { ...(await apiJson(path, deviceActionResponse, { method: 'POST' })), deviceKey: null };
    },
    onSettled: () => client.invalidateQueries({ queryKey: devicesKey }),
  });
}
