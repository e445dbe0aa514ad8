import type { z } from 'zod';
import { AppError, isErrorCode } from './errors.js';
import type { Lang } from './i18n/index.js';
import { errorBody } from './protocol/errors.js';

/** An error the server reported; its message is already in the caller's language, so it is shown as sent. */
export class ServerError extends AppError {
  /** The server's code as sent, even one this client does not know yet (then `code` is INTERNAL). */
  readonly serverCode: string;
  readonly httpStatus: number;

  constructor(serverCode: string, message: string, httpStatus: number) {
    super(isErrorCode(serverCode) ? serverCode : 'INTERNAL', { message });
    this.name = 'ServerError';
    this.serverCode = serverCode;
    this.httpStatus = httpStatus;
  }

  override localized(): string {
    return this.message;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface HttpRequest<S extends z.ZodType> {
  baseUrl: string;
  method: HttpMethod;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as is instead of a JSON body (e.g. a CSV price list). */
  rawBody?: { contentType: string; data: string | Uint8Array };
  token?: string;
  lang: Lang;
  /** Validates a success body; null when the answer has none (204). */
  response: S | null;
  timeoutMs?: number;
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

/**
 * One JSON request to the POSAPP API (Node 20 global fetch, so CLI and register share it).
 * Returns the server's body as sent once it passed the schema, so `--json` prints exactly what the server said.
 */
export async function requestJson<S extends z.ZodType>(req: HttpRequest<S>): Promise<z.output<S>> {
  const url = joinUrl(req.baseUrl, req.path, req.query);
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': req.lang };
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
  const body = parseJson(text);
  const unexpected = () =>
    new AppError('BAD_SERVER_RESPONSE', { params: { status: res.status, url }, details: text.slice(0, 500) });
  if (!res.ok) {
    const parsed = errorBody.safeParse(body);
    if (!parsed.success) throw unexpected();
    throw new ServerError(parsed.data.error.code, parsed.data.error.message, res.status);
  }
  if (req.response === null) return undefined as z.output<S>;
  if (!req.response.safeParse(body).success) throw unexpected();
  return body as z.output<S>;
}
