import { AppError } from '../common/errors.js';
import type { Lang } from '../common/i18n/index.js';
import { text } from './messages.js';

/**
 * Asks for a password without echo; loaded only when the flag was not given. The prompt goes to stderr so
 * stdout stays clean for `--json`; no input at all (closed stdin, Ctrl+C) is a missing flag, not a bug.
 */
export async function askPassword(lang: Lang, flag = '--password'): Promise<string> {
  return askSecret(text(lang, 'passwordPrompt'), flag);
}

/** A supervisor's PIN typed at the cashier's terminal, never shown (as on the register's screen). */
export async function askSupervisorPin(lang: Lang): Promise<string> {
  return askSecret(text(lang, 'supervisorPinPrompt'), '--supervisor-pin');
}

async function askSecret(message: string, flag: string): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  try {
    return await password({ message, mask: '*' }, { output: process.stderr });
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') {
      throw new AppError('VALIDATION_FAILED', { params: { field: flag, reason: 'required' }, cause: error });
    }
    throw error;
  }
}
