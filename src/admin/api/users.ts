import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { userListResponse, userResponse, type CreateUserBody } from '../../common/protocol/users';
import { apiJson } from './client';
import { usersKey } from './keys';

export function useUsers() {
  return useQuery({ queryKey: usersKey, queryFn: () => apiJson('/users', userListResponse) });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => apiJson('/users', userResponse, { method: 'POST', body }),
    onSettled: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useResetPin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, pin }: { id: string; pin: string }) =>
      apiJson(`/users/${encodeURIComponent(id)}/pin`, userResponse, { method: 'POST', body: { pin } }),
    onSettled: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useEnableUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiJson(`/users/${encodeURIComponent(id)}/enable`, userResponse, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useDisableUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiJson(`/users/${encodeURIComponent(id)}/disable`, userResponse, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}
