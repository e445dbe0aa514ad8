import { z } from 'zod';
import { AppError } from '../../common/errors.js';

/** Parses with a protocol schema; the first issue becomes 400 VALIDATION_FAILED naming the field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error);
}

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
