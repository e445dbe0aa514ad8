import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { langFromAcceptLanguage } from '../../common/i18n/index.js';
import type { Logger } from '../logger.js';
import { validationError } from '../../common/validation.js';

/** Body-parser marks its errors with a `type`; the router's own are URIErrors. */
function fromBodyParser(error: unknown): AppError | null {
  const type = (error as { type?: unknown })?.type;
  if (type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE');
  if (type === 'entity.parse.failed') return new AppError('MALFORMED_JSON');
  if (typeof type === 'string' && type.startsWith('encoding')) return new AppError('MALFORMED_JSON');
  // The router cannot decode a path parameter (`/devices/%ZZ/revoke`): the client's mistake, not ours.
  if (error instanceof URIError)
    return new AppError('VALIDATION_FAILED', { params: { field: 'path', reason: 'malformed URL encoding' } });
  return null;
}

/** The only place HTTP errors are made: `{"error":{code,message}}` with the code's status; internals stay in the log. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (error instanceof z.ZodError) appError = validationError(error);
    else {
      appError = fromBodyParser(error) ?? new AppError('INTERNAL', { cause: error });
      if (appError.code === 'INTERNAL')
        logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    }
    const lang = langFromAcceptLanguage(req.get('accept-language'));
    res.status(appError.status).json({ error: { code: appError.code, message: appError.localized(lang) } });
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND'));
