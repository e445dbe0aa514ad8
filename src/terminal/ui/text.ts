import { AppError } from '../../common/errors.js';
import { messageFor, type Lang, type MessageKey } from '../../common/i18n/index.js';

export type UiKey = Extract<MessageKey, `ui.${string}`>;

/** A UI string in the cashier's language. */
export function say(lang: Lang, key: UiKey, params: Record<string, string | number> = {}): string {
  return messageFor(lang, key, params);
}

/** A mistake in what the cashier typed (not a rule of the sale): shown, never logged. */
export class InputError extends Error {
  constructor(
    readonly key: UiKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'InputError';
  }
}

/** What the message line shows for an error: its own message, else a pointer to the log. */
export function errorText(lang: Lang, error: unknown): string {
  if (error instanceof AppError) return error.localized(lang);
  if (error instanceof InputError) return say(lang, error.key, error.params);
  return say(lang, 'ui.error.unexpected');
}

/** Bugs are logged; errors the cashier can fix are only shown. */
export function isExpected(error: unknown): boolean {
  return error instanceof AppError || error instanceof InputError;
}
