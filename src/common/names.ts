import { z } from 'zod';

/** Control characters (NUL, escape sequences, line breaks…): they corrupt receipts, CSV and terminal screens. */
const CONTROL = /\p{Cc}/u;
/** What prints as nothing: spaces, zero-width and other format characters, fillers, combining marks alone. */
const INVISIBLE = /[\p{Z}\p{Cf}\p{M}\s\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Why a name cannot be printed on a receipt or shown in a list, or null when it can. */
export function nameProblem(text: string): string | null {
  if (CONTROL.test(text)) return 'control characters are not allowed';
  if (text.replace(INVISIBLE, '').length === 0) return 'must contain a visible character';
  return null;
}

/** A trimmed name of 1..max characters with something visible and no control characters (names, SKUs). */
export function nameSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      const problem = nameProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
