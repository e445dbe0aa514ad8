import type { z } from 'zod';
import { callApi, unexpectedAnswer, type HttpMethod } from '../../common/http.js';
import type { Lang } from '../../common/i18n/index.js';

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  /** Sent as is instead of JSON (a CSV price list). */
  text?: { contentType: string; data: string };
}

/** A whole price list may be imported in one call: longer than the CLI's default. */
const PANEL_TIMEOUT_MS = 5 * 60_000;

/**
 * A panel call on the clients' common path, so it fails with the same errors the CLI and the register get:
 * ServerError for the server's answer, SERVER_UNREACHABLE, BAD_SERVER_RESPONSE. The panel calls its own origin
 * (`baseUrl` ''), so the HttpOnly session cookie goes along; the header marks the panel for the CSRF guard.
 * The answer is checked against its protocol schema from src/common and returned as parsed.
 */
export async function panelRequest<S extends z.ZodType>(
  baseUrl: string,
  lang: Lang,
  path: string,
  schema: S | null,
  { method = 'GET', body, text }: RequestOptions = {},
): Promise<z.output<S>> {
  const answer = await callApi({
    baseUrl,
    method,
    path,
    body,
    rawBody: text,
    lang,
    headers: { 'x-posapp-client': 'web' },
    timeoutMs: PANEL_TIMEOUT_MS,
  });
  if (schema === null) return undefined as z.output<S>;
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw unexpectedAnswer(answer);
  return parsed.data;
}
