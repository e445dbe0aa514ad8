import {
  REGISTER_KEEP_DAYS,
  updateSettingsBody,
  type StoreSettings,
  type UpdateSettingsBody,
} from '../../common/protocol/settings.js';
import { parsePercent, percentText } from '../catalog/product-form.js';

export const cashRoundings = ['0', '5000', '10000'] as const;
export const scalePrefixes = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'] as const;
export const scaleDigits = ['4', '5', '6'] as const;

/** The form as typed: percentages as on paper, choices as strings (what Mantine's inputs hold). */
export interface SettingsFormValues {
  vat: string;
  cashRounding: string;
  maxDiscount: string;
  receiptHeader: string;
  scaleOn: boolean;
  scalePrefixes: string[];
  scaleDigits: string;
  scaleValue: 'weight' | 'price';
  /** The seller as the fiscal receipt names it. */
  legalName: string;
  stir: string;
  address: string;
  fiscalDataRequired: boolean;
  /** Days of sales each register keeps, as typed. */
  registerKeepDays: string;
}

/** Keys under `settings.problems` in the translations. */
export type SettingsProblem =
  'percent' | 'rounding' | 'tooLong' | 'prefixes' | 'stir' | 'tooLongText' | 'keepDays' | 'invalid';
export type SettingsProblems = Partial<Record<keyof SettingsFormValues, SettingsProblem>>;

export function settingsToForm(settings: StoreSettings): SettingsFormValues {
  const scale = settings.scaleBarcode;
  return {
    vat: percentText(settings.defaultVatRate),
    cashRounding: String(settings.cashRounding),
    maxDiscount: percentText(settings.maxCashierDiscount),
    receiptHeader: settings.receiptHeader ?? '',
    scaleOn: scale !== null,
    // Switching the layout on starts from the usual one: all prefixes, 5-digit codes, weight inside.
    scalePrefixes: scale ? [...scale.prefixes] : [...scalePrefixes],
    scaleDigits: String(scale?.itemDigits ?? 5),
    scaleValue: scale?.value ?? 'weight',
    legalName: settings.legalName ?? '',
    stir: settings.stir ?? '',
    address: settings.address ?? '',
    fiscalDataRequired: settings.fiscalDataRequired ?? false,
    registerKeepDays: String(settings.registerKeepDays ?? REGISTER_KEEP_DAYS.default),
  };
}

const fieldOfBody: Record<string, keyof SettingsFormValues> = {
  defaultVatRate: 'vat',
  cashRounding: 'cashRounding',
  maxCashierDiscount: 'maxDiscount',
  receiptHeader: 'receiptHeader',
  legalName: 'legalName',
  stir: 'stir',
  address: 'address',
  registerKeepDays: 'registerKeepDays',
};

/** An empty field clears the setting; spaces around what was typed are not part of it. */
const blankIsNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

function scaleField(path: readonly PropertyKey[]): keyof SettingsFormValues {
  if (path[1] === 'itemDigits') return 'scaleDigits';
  if (path[1] === 'value') return 'scaleValue';
  return 'scalePrefixes';
}

/**
 * Form values → the PATCH body, checked by the server's own schema so what it would refuse is marked under its
 * field first. Only what differs from the saved settings is sent: a default VAT sent unchanged would still
 * reach every store's registers as a change.
 */
export function settingsBody(
  values: SettingsFormValues,
  current: StoreSettings,
): { ok: true; body: UpdateSettingsBody } | { ok: false; problems: SettingsProblems } {
  const problems: SettingsProblems = {};
  const vat = parsePercent(values.vat);
  if (vat === null) problems.vat = 'percent';
  const maxDiscount = parsePercent(values.maxDiscount);
  if (maxDiscount === null) problems.maxDiscount = 'percent';
  const header = values.receiptHeader.trim();
  // STIR as printed on papers often carries spaces (`123 456 789`): only the 9 digits count.
  const stir = values.stir.replace(/\s+/g, '');
  const full = {
    defaultVatRate: vat ?? 0,
    cashRounding: Number(values.cashRounding),
    maxCashierDiscount: maxDiscount ?? 0,
    receiptHeader: header === '' ? null : header,
    scaleBarcode: values.scaleOn
      ? {
          prefixes: [...values.scalePrefixes].sort(),
          itemDigits: Number(values.scaleDigits),
          value: values.scaleValue,
        }
      : null,
    legalName: blankIsNull(values.legalName),
    stir: stir === '' ? null : stir,
    address: blankIsNull(values.address),
    fiscalDataRequired: values.fiscalDataRequired,
    // Whole days only: `90.5` or `abc` is refused under the field rather than rounded.
    registerKeepDays: /^\s*\d+\s*$/.test(values.registerKeepDays) ? Number(values.registerKeepDays) : NaN,
  };
  const parsed = updateSettingsBody.safeParse(full);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      const field = key === 'scaleBarcode' ? scaleField(issue.path) : fieldOfBody[key];
      if (!field || problems[field]) continue;
      if (field === 'vat' || field === 'maxDiscount') problems[field] = 'percent';
      else if (field === 'cashRounding') problems[field] = 'rounding';
      else if (field === 'receiptHeader') problems[field] = 'tooLong';
      else if (field === 'legalName' || field === 'address') problems[field] = 'tooLongText';
      else if (field === 'stir') problems[field] = 'stir';
      else if (field === 'scalePrefixes') problems[field] = 'prefixes';
      else if (field === 'registerKeepDays') problems[field] = 'keepDays';
      else problems[field] = 'invalid';
    }
  }
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  const body: UpdateSettingsBody = {};
  const next = parsed.data;
  if (next.defaultVatRate !== current.defaultVatRate) body.defaultVatRate = next.defaultVatRate;
  if (next.cashRounding !== current.cashRounding) body.cashRounding = next.cashRounding;
  if (next.maxCashierDiscount !== current.maxCashierDiscount)
    body.maxCashierDiscount = next.maxCashierDiscount;
  if (next.receiptHeader !== current.receiptHeader) body.receiptHeader = next.receiptHeader;
  if (JSON.stringify(next.scaleBarcode) !== JSON.stringify(current.scaleBarcode))
    body.scaleBarcode = next.scaleBarcode;
  if (next.legalName !== (current.legalName ?? null)) body.legalName = next.legalName;
  if (next.stir !== (current.stir ?? null)) body.stir = next.stir;
  if (next.address !== (current.address ?? null)) body.address = next.address;
  if (next.fiscalDataRequired !== (current.fiscalDataRequired ?? false))
    body.fiscalDataRequired = next.fiscalDataRequired;
  if (next.registerKeepDays !== (current.registerKeepDays ?? REGISTER_KEEP_DAYS.default))
    body.registerKeepDays = next.registerKeepDays;
  return { ok: true, body };
}
