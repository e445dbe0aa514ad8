import type { z } from 'zod';
import { AppError, isApiErrorCode, type ApiErrorCode } from './errors.js';
import type { Lang } from './i18n/index.js';
import { errorBody } from './protocol/errors.js';

/**
 * An error the server reported, in every client (CLI, register, panel); its message is already in the caller's
 * language, so it is shown as sent.
 */
export class ServerError extends AppError {
  declare readonly code: ApiErrorCode;
  /** The server's code as sent, even one this client does not know yet (then `code` is INTERNAL). */
  readonly serverCode: string;
  readonly httpStatus: number;

  constructor(serverCode: string, message: string, httpStatus: number) {
    super(isApiErrorCode(serverCode) ? serverCode : 'INTERNAL', { message });
    this.name = 'ServerError';
    this.serverCode = serverCode;
    this.httpStatus = httpStatus;
  }

  override localized(): string {
    return this.message;
  }
}

/** True for an error the server answered, optionally with one code (as the server sent it). */
export function isServerError(error: unknown, code?: ApiErrorCode): error is ServerError {
  return error instanceof ServerError && (code === undefined || error.serverCode === code);
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One call to the POSAPP API, as every client makes it. */
export interface HttpCall {
  baseUrl: string;
  method: HttpMethod;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as is instead of a JSON body (e.g. a CSV price list). */
  rawBody?: { contentType: string; data: string };
  token?: string;
  /** Extra headers a client marks itself with (the panel's, for the server's CSRF guard). */
  headers?: Record<string, string>;
  lang: Lang;
  timeoutMs?: number;
}

export interface HttpRequest<S extends z.ZodType> extends HttpCall {
  /** Validates a success body; null when the answer has none (204). */
  response: S | null;
}

/** A successful answer: its status and body, parsed as JSON when it is JSON. */
export interface HttpAnswer {
  status: number;
  url: string;
  text: string;
  body: unknown;
}

export function joinUrl(baseUrl: string, path: string, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

function parseJson(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** An answer none of our schemas describe: a proxy's error page, a server of another version. */
export function unexpectedAnswer(answer: { status: number; url: string; text: string }): AppError {
  return new AppError('BAD_SERVER_RESPONSE', {
    params: { status: answer.status, url: answer.url },
    details: answer.text.slice(0, 500),
  });
}

/**
 * Sends one call (the global fetch of Node 20 and browsers alike) and makes every failure the common error:
 * SERVER_UNREACHABLE, the server's own error as ServerError, or BAD_SERVER_RESPONSE.
 */
export async function callApi(req: HttpCall): Promise<HttpAnswer> {
  const url = joinUrl(req.baseUrl, req.path, req.query);
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': req.lang,
    ...req.headers,
  };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  if (req.rawBody) headers['content-type'] = req.rawBody.contentType;
  else if (req.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: req.method,
      headers,
      body: req.rawBody ? req.rawBody.data : req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
    });
    text = await res.text();
  } catch (error) {
    // Refused, unknown host, reset or timed out: to the user all mean the same thing.
    throw new AppError('SERVER_UNREACHABLE', { params: { url: req.baseUrl }, cause: error });
  }
  const answer = { status: res.status, url, text, body: parseJson(text) };
  if (!res.ok) {
    const parsed = errorBody.safeParse(answer.body);
    if (!parsed.success) throw unexpectedAnswer(answer);
    throw new ServerError(parsed.data.error.code, parsed.data.error.message, res.status);
  }
  return answer;
}

/**
 * One JSON request to the POSAPP API, so CLI and register share it.
 * Returns the server's body as sent once it passed the schema, so `--json` prints exactly what the server said.
 */
export async function requestJson<S extends z.ZodType>(req: HttpRequest<S>): Promise<z.output<S>> {
  const answer = await callApi(req);
  if (req.response === null) return undefined as z.output<S>;
  if (!req.response.safeParse(answer.body).success) throw unexpectedAnswer(answer);
  return answer.body as z.output<S>;
}
