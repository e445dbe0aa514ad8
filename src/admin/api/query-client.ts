import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';
import { sessionKey } from './keys';

/** Any 401 means the session ended (expired, logged out elsewhere): re-ask /auth/me so the gate shows login. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onUnauthenticated(client, error) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthenticated(client, error) }),
    defaultOptions: {
      // The server's answers are final; only a dropped connection is worth retrying.
      queries: { retry: (count, error) => !isApiError(error) && count < 2 },
    },
  });
  return client;
}

function onUnauthenticated(client: QueryClient, error: unknown): void {
  if (isApiError(error) && error.status === 401 && !isApiError(error, 'INVALID_CREDENTIALS')) {
    void client.invalidateQueries({ queryKey: sessionKey });
  }
}
