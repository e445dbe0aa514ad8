import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Lang } from '../../common/i18n/index';
import {
  webLoginResponse,
  meResponse,
  type LoginBody,
  type Role,
  type User,
} from '../../common/protocol/auth';
import { isServerError } from '../../common/http';
import { apiJson, apiSend } from './client';
import { sessionKey } from './keys';

/** Roles the panel serves; cashiers sell at registers and registers have their own token. */
export const panelRoles: readonly Role[] = ['owner', 'admin', 'superadmin'];

export interface Session {
  user: User | null;
  /** The language this user chose on any browser; null: not chosen yet; undefined: not known yet. */
  lang?: Lang | null;
  /** Why there is no session, when the server said (e.g. SESSION_EXPIRED), in the panel's language. */
  notice?: string;
  /** A credential that is not a person's (a register token): the server answers 403. */
  denied?: boolean;
}

/**
 * Nothing cached under one user may show to the next. The session query itself stays (and is overwritten),
 * because the mounted gate observes it: a removed query would never tell it about the change.
 */
function dropUserData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}

async function fetchSession(): Promise<Session> {
  try {
    return await apiJson('/auth/me', meResponse);
  } catch (error) {
    if (isServerError(error) && error.httpStatus === 401) {
      return { user: null, notice: error.code === 'SESSION_EXPIRED' ? error.message : undefined };
    }
    if (isServerError(error) && error.httpStatus === 403) return { user: null, denied: true };
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** The server answers the panel with the user only; the credential is the HttpOnly cookie it sets. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: LoginBody) =>
      (await apiJson('/auth/login', webLoginResponse, { method: 'POST', body })).user,
    onSuccess: (user) => {
      dropUserData(client);
      client.setQueryData<Session>(sessionKey, { user });
      // /auth/me brings the language they chose before, wherever that was.
      void client.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      dropUserData(client);
      client.setQueryData<Session>(sessionKey, { user: null });
    },
  });
}

/** Keeps the user's language choice on the server, so their next login anywhere opens in it. */
export function useSaveLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (lang: Lang) => apiJson('/auth/me', meResponse, { method: 'PATCH', body: { lang } }),
    onSuccess: (me) => client.setQueryData<Session>(sessionKey, me),
  });
}
