import type { z } from 'zod';
import { errorBody } from '../../common/protocol/errors';
import { currentLanguage, i18n } from '../i18n/index';

/** What every failed call becomes: the server's code and its message, already in the panel's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as is instead of JSON (a CSV price list). */
  text?: { contentType: string; data: string };
}

/**
 * Same-origin calls: the HttpOnly session cookie goes along by itself; the header marks the panel for the
 * server's CSRF guard; Accept-Language makes server messages follow the panel's language.
 */
async function send(path: string, { method = 'GET', body, text }: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLanguage(),
    'x-posapp-client': 'web',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (text) headers['content-type'] = text.contentType;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: text ? text.data : body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'SERVER_UNREACHABLE', i18n.t('errors.network'));
  }
  if (!res.ok) {
    const parsed = errorBody.safeParse(await res.json().catch(() => null));
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiError(res.status, 'INTERNAL', i18n.t('errors.unexpected'));
  }
  return res;
}

/** A call whose answer is checked against its protocol schema from src/common. */
export async function apiJson<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const res = await send(path, options);
  const parsed = schema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ApiError(res.status, 'INTERNAL', i18n.t('errors.unexpected'));
  return parsed.data;
}

/** A call answered without a body (204). */
export async function apiSend(path: string, options: RequestOptions = {}): Promise<void> {
  await send(path, options);
}
