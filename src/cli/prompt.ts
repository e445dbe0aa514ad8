import type { Lang } from '../common/i18n/index.js';
import { text } from './messages.js';

/** Asks for a password without echo; loaded only when the flag was not given. */
export async function askPassword(lang: Lang): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  return password({ message: text(lang, 'passwordPrompt'), mask: '*' });
}
