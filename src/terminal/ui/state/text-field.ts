import type { KeyPress } from '../keys.js';

export interface FieldOptions {
  /** Characters the field takes; others are ignored (a scanner's stray keys, letters in a money field). */
  accept?: RegExp;
  maxLength?: number;
}

export const moneyChars = /[0-9 .,-]/;
export const digits = /[0-9]/;

/** A one-line text field: typed characters append, Backspace deletes. Returns the value unchanged otherwise. */
export function reduceField(value: string, key: KeyPress, options: FieldOptions = {}): string {
  const max = options.maxLength ?? 64;
  if (key.name === 'backspace') return [...value].slice(0, -1).join('');
  if (key.name === 'ctrl' && key.text === 'u') return '';
  if (key.name !== 'text') return value;
  const typed = [...key.text].filter((char) => !options.accept || options.accept.test(char)).join('');
  return [...(value + typed)].slice(0, max).join('');
}
