import type { z } from 'zod';
import { AppError } from './errors.js';
import { validationParams } from './validation-text.js';

/**
 * A failed protocol parse as 400 VALIDATION_FAILED naming the first bad field (the HTTP answer, a rejected event):
 * the field in words and the reason in the reader's language, chosen when the message is made.
 */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field =
    issue?.code === 'unrecognized_keys'
      ? [...issue.path, ...issue.keys].join('.')
      : issue?.path.join('.') || '(body)';
  return new AppError('VALIDATION_FAILED', {
    localize: (lang) => validationParams(issue, lang),
    details: { field },
  });
}
