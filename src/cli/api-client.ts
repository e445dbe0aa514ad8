import type { z } from 'zod';
import { AppError } from '../common/errors.js';
import { requestJson, type HttpMethod } from '../common/http.js';
import type { Lang } from '../common/i18n/index.js';
import { resolveConfigDir, type GlobalOptions } from './config.js';
import { readSession, type Session } from './session.js';

export interface ApiClient {
  readonly server: string;
  request<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    options: {
      body?: unknown;
      rawBody?: { contentType: string; data: string };
      query?: Record<string, string>;
      response: S | null;
    },
  ): Promise<z.output<S>>;
}

/**
 * Talks to the API with the bearer token and Accept-Language. Errors arrive as AppError: the server's
 * `{error:{code,message}}` as ServerError (message shown as sent), connection failures as SERVER_UNREACHABLE.
 */
export function createApiClient(options: { server: string; token?: string; lang: Lang }): ApiClient {
  return {
    server: options.server,
    request: (method, path, { body, rawBody, query, response }) =>
      requestJson({
        baseUrl: options.server,
        method,
        path,
        body,
        rawBody,
        query,
        token: options.token,
        lang: options.lang,
        response,
      }),
  };
}

/** The saved login; `--server` overrides its server (the token must still be valid there). */
export function loggedInClient(globals: GlobalOptions): { api: ApiClient; session: Session } {
  const session = readSession(resolveConfigDir(globals.configDir));
  if (!session) throw new AppError('NOT_LOGGED_IN');
  const api = createApiClient({
    server: globals.server ?? session.server,
    token: session.token,
    lang: globals.lang,
  });
  return { api, session };
}
