import type { UiKey } from '../text.js';

/**
 * Reasons offered with a digit (1–4) when a line is voided or a sale cancelled: the common cases take one key, and
 * the owner's audit report reads the same words for the same cause. Anything else is typed.
 */
export const voidReasons: readonly UiKey[] = [
  'ui.reason.scanError',
  'ui.reason.changedMind',
  'ui.reason.wrongPrice',
  'ui.reason.damaged',
];

export const cancelReasons: readonly UiKey[] = [
  'ui.reason.changedMind',
  'ui.reason.shortOfMoney',
  'ui.reason.customerLeft',
  'ui.reason.wrongSale',
];
