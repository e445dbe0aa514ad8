import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { AppError, httpStatusOf, isApiErrorCode, type ApiErrorCode } from '../../common/errors.js';
import { langFromAcceptLanguage, type Lang } from '../../common/i18n/index.js';
import type { ErrorBody } from '../../common/protocol/errors.js';
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

export interface HttpAnswer {
  status: number;
  body: ErrorBody;
}

type ApiError = AppError & { code: ApiErrorCode };

function isApiError(error: AppError | null): error is ApiError {
  return error !== null && isApiErrorCode(error.code);
}

/** Any error as an API code; a local code reaching here is a bug (it has no status), so it answers INTERNAL. */
function apiErrorOf(error: unknown): ApiError {
  const appError =
    error instanceof AppError
      ? error
      : error instanceof z.ZodError
        ? validationError(error)
        : fromBodyParser(error);
  return isApiError(appError) ? appError : (new AppError('INTERNAL', { cause: error }) as ApiError);
}

/** The only place HTTP errors are made: `{"error":{code,message}}` with the code's status from the contract. */
export function httpAnswerOf(error: unknown, lang: Lang): HttpAnswer {
  const apiError = apiErrorOf(error);
  return {
    status: httpStatusOf(apiError.code),
    body: { error: { code: apiError.code, message: apiError.localized(lang) } },
  };
}

/** Internals stay in the log: the client gets INTERNAL and nothing of the cause. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const answer = httpAnswerOf(error, langFromAcceptLanguage(req.get('accept-language')));
    if (answer.body.error.code === 'INTERNAL')
      logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(answer.status).json(answer.body);
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND'));
