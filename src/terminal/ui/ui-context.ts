import { createContext, useContext } from 'react';
import type { Lang } from '../../common/i18n/index.js';
import { errorText, isExpected } from './text.js';

export interface UiSettings {
  lang: Lang;
  columns: number;
  rows: number;
  /** Where bugs go (the log file); errors the cashier can fix are only shown. */
  logError(error: unknown): void;
  /** An error no screen caught (a key handler, a drawing): shown on the message line, logged when a bug. */
  fault?: string | null;
  reportError?(error: unknown): void;
  clearFault?(): void;
  /** The FM's countdown in words (past half the limit, blocked, locked): the message line shows it when idle. */
  fiscalWarning?: { text: string; color: string } | null;
  /** The screen is hidden (the terminal is too small): keys are dropped rather than typed blind. */
  inputBlocked?: boolean;
}

export const UiContext = createContext<UiSettings>({ lang: 'uz', columns: 80, rows: 24, logError: () => {} });

export function useUi(): UiSettings {
  return useContext(UiContext);
}

/** `error → message line text`, logging what is not the cashier's to fix. */
export function useErrorText(): (error: unknown) => string {
  const { lang, logError } = useContext(UiContext);
  return (error) => {
    if (!isExpected(error)) logError(error);
    return errorText(lang, error);
  };
}

export const HELP_ROWS = 3;

/** Rows the status bar, the message line and the help lines leave to a screen's body. */
export function bodyRows(rows: number): number {
  return Math.max(8, rows - 2 - HELP_ROWS);
}
