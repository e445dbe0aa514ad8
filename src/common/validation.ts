import type { z } from 'zod';
import { AppError } from './errors.js';

/** A failed protocol parse as 400 VALIDATION_FAILED naming the first bad field (the HTTP answer, a rejected event). */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  let field = issue?.path.join('.') || '(body)';
  let reason = issue?.message ?? 'invalid';
  if (issue?.code === 'unrecognized_keys') {
    field = [...issue.path, ...issue.keys].join('.');
    reason = 'unknown field';
  }
  return new AppError('VALIDATION_FAILED', { params: { field, reason }, details: { field } });
}
