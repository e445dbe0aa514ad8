import type { z } from 'zod';
import { AppError } from '../../common/errors';
import { ServerError } from '../../common/http';
import { currentLanguage, i18n } from '../i18n/index';
import { panelRequest, type RequestOptions } from './request';

/** A call whose answer is checked against its protocol schema from src/common. */
export function apiJson<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  return panelRequest('', currentLanguage(), path, schema, options);
}

/** A call answered without a body (204). */
export async function apiSend(path: string, options: RequestOptions = {}): Promise<void> {
  await panelRequest('', currentLanguage(), path, null, options);
}

/**
 * What the panel says for a failed call: the server's message as sent (already in the panel's language), else the
 * panel's own words for a lost connection or an answer it cannot read.
 */
export function errorText(error: Error): string {
  if (error instanceof ServerError) return error.message;
  if (error instanceof AppError)
    return i18n.t(error.code === 'SERVER_UNREACHABLE' ? 'errors.network' : 'errors.unexpected');
  return error.message;
}
