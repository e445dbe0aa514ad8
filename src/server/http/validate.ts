import type { z } from 'zod';
import { validationError } from '../../common/validation.js';

/** Parses with a protocol schema; the first issue becomes 400 VALIDATION_FAILED naming the field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(result.error);
}
