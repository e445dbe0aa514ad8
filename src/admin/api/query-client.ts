import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { AppError } from '../../common/errors';
import { isServerError } from '../../common/http';
import { sessionKey } from './keys';

/** Any 401 means the session ended (expired, logged out elsewhere): re-ask /auth/me so the gate shows login. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onUnauthenticated(client, error) }),
    mutationCache: new MutationCache({ onError: (error) => onUnauthenticated(client, error) }),
    defaultOptions: {
      // A call's failure (the server's answer, a lost connection) is shown at once; only other faults are retried.
      queries: { retry: (count, error) => !(error instanceof AppError) && count < 2 },
    },
  });
  return client;
}

function onUnauthenticated(client: QueryClient, error: unknown): void {
  if (isServerError(error) && error.httpStatus === 401 && !isServerError(error, 'INVALID_CREDENTIALS')) {
    void client.invalidateQueries({ queryKey: sessionKey });
  }
}
