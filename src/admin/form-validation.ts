import type { z } from 'zod';

/**
 * Mantine form validation from a protocol schema: the fields the server would refuse get a short localized
 * note; the server's own message still shows if it refuses anyway.
 */
export function validateWith<T>(schema: z.ZodType, message: string) {
  return (values: T): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), message]));
  };
}
