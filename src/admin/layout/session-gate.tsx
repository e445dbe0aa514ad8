import { createContext, useContext, type ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { User } from '../../common/protocol/auth';
import { errorText } from '../api/client';
import { panelRoles, useLogout, useSession } from '../api/session';

const UserContext = createContext<User | null>(null);

/** The logged-in user; only inside SessionGate. */
export function useUser(): User {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser outside SessionGate');
  return user;
}

export interface LoginState {
  notice?: string;
  from?: string;
}

/** Asks /auth/me; no session → login (with the server's reason), a role the panel does not serve → a clear refusal. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <Stack>
          <Alert color="red">{errorText(session.error)}</Alert>
          <Button onClick={() => void session.refetch()}>{t('gate.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  const { user, notice, denied } = session.data;
  if (denied || (user && !panelRoles.includes(user.role))) return <NotAllowed />;
  if (!user) {
    const state: LoginState = { notice, from: location.pathname };
    return <Navigate to="/login" replace state={state} />;
  }
  return <UserContext.Provider value={user}>{children}</UserContext.Provider>;
}

function NotAllowed() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <Center h="100vh" p="md">
      <Stack maw={480}>
        <Alert color="red" data-testid="not-allowed">
          {t('gate.notAllowed')}
        </Alert>
        <Button variant="light" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t('nav.logout')}
        </Button>
      </Stack>
    </Center>
  );
}
