import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { settingsResponse, type UpdateSettingsBody } from '../../common/protocol/settings';
import { apiJson } from './client';
import { settingsKey } from './keys';

export function useSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: () => apiJson('/settings', settingsResponse),
  });
}

/** The answer is the saved settings, so the screen shows them without another read. */
export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSettingsBody) =>
      apiJson('/settings', settingsResponse, { method: 'PATCH', body }),
    onSuccess: (saved) => client.setQueryData(settingsKey, saved),
  });
}
