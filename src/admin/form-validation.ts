import type { z } from 'zod';

export interface ValidateOptions<T> {
  /** A clearer note for a field than the general one (`pin: '4 to 8 digits'`). */
  fields?: Record<string, string>;
  /** The body the form would send, when it is not the form's values as they are (a union picked by role). */
  body?: (values: T) => unknown;
}

/**
 * Mantine form validation from a protocol schema: the fields the server would refuse get a short localized
 * note; the server's own message still shows if it refuses anyway.
 */
export function validateWith<T>(schema: z.ZodType, message: string, options: ValidateOptions<T> = {}) {
  return (values: T): Record<string, string> => {
    const result = schema.safeParse(options.body ? options.body(values) : values);
    if (result.success) return {};
    return Object.fromEntries(
      result.error.issues.map((issue) => {
        const path = issue.path.join('.');
        return [path, options.fields?.[path] ?? message];
      }),
    );
  };
}
