import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { formatMoney } from '../../common/money.js';
import { settingsChangeData } from '../../common/protocol/sync.js';
import {
  MAX_QUICK_KEYS,
  REGISTER_KEEP_DAYS,
  registerKeepDaysSchema,
  scaleBarcodeSchema,
  settingsResponse,
  stirSchema,
  type Approvals,
  type SettingsResponse,
  type UpdateSettingsBody,
} from '../../common/protocol/settings.js';
import { loggedInClient } from '../api-client.js';
import { somFlag, vatPercentFlag } from '../flags.js';
import { text, type TextKey } from '../messages.js';
import { printJson, printLine, printTable } from '../output.js';
import type { GlobalOptions } from '../config.js';
import { globalsOf, parseOptions } from '../program.js';
import { resolveProduct } from './products.js';

type Settings = z.infer<typeof settingsChangeData>;

/** The owner's words for the acts that may need a supervisor (`--approve refund,cash-out`). */
const approvalFlags = {
  refund: 'refund',
  'void-after-payment': 'voidAfterPayment',
  'discount-above-limit': 'discountAboveLimit',
  'cash-out': 'cashOut',
} as const;
type ApprovalFlag = keyof typeof approvalFlags;
const approveList = z.string().transform((value, ctx) => {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 1 && items[0] === 'none') return [] as ApprovalFlag[];
  const unknown = items.find((item) => !(item in approvalFlags));
  if (unknown !== undefined || items.length === 0) {
    ctx.addIssue({ code: 'custom', message: `none, or a list of ${Object.keys(approvalFlags).join(', ')}` });
    return z.NEVER;
  }
  return items as ApprovalFlag[];
});

const setFlagsSchema = z
  .strictObject({
    cashRounding: somFlag.pipe(z.literal([0, 5000, 10_000], { error: '0, 50 or 100 so‘m' })).optional(),
    maxDiscount: vatPercentFlag.optional(),
    vat: vatPercentFlag.optional(),
    receiptHeader: z.union([z.string().max(500), z.literal(false)]).optional(),
    scalePrefixes: z
      .string()
      .transform((value) => value.split(',').map((p) => p.trim()))
      .optional(),
    scaleItemDigits: z.coerce.number().optional(),
    scaleValue: z.enum(['weight', 'price']).optional(),
    scale: z.boolean().optional(),
    approve: approveList.optional(),
    approveCancelAbove: z.union([somFlag, z.literal(false)]).optional(),
    legalName: z.union([z.string().trim().min(1).max(191), z.literal(false)]).optional(),
    stir: z.union([stirSchema, z.literal(false)]).optional(),
    address: z.union([z.string().trim().min(1).max(300), z.literal(false)]).optional(),
    fiscalDataRequired: z.boolean().optional(),
    registerKeepDays: z.coerce.number().pipe(registerKeepDaysSchema).optional(),
  })
  .refine(
    (flags) => !(flags.scale === false && (flags.scalePrefixes || flags.scaleItemDigits || flags.scaleValue)),
    {
      error: '--no-scale goes without the other --scale-… options',
    },
  );

/** Whether the flags change part of the scale layout, which then needs the current one to build on. */
function changesScaleLayout(flags: z.infer<typeof setFlagsSchema>): boolean {
  return (
    flags.scale !== false &&
    Boolean(flags.scalePrefixes || flags.scaleItemDigits !== undefined || flags.scaleValue)
  );
}

/** Flags → the PATCH body; scale-label flags change only what is given, on top of the current layout. */
export function settingsPatch(
  flags: z.infer<typeof setFlagsSchema>,
  current: Settings['scaleBarcode'],
): UpdateSettingsBody {
  const body: UpdateSettingsBody = {};
  if (flags.cashRounding !== undefined)
    body.cashRounding = flags.cashRounding as UpdateSettingsBody['cashRounding'];
  if (flags.maxDiscount !== undefined) body.maxCashierDiscount = flags.maxDiscount;
  if (flags.vat !== undefined) body.defaultVatRate = flags.vat;
  if (flags.receiptHeader !== undefined) body.receiptHeader = flags.receiptHeader || null;
  if (flags.approve !== undefined || flags.approveCancelAbove !== undefined) {
    const approvals: Partial<Approvals> = {};
    // `--approve` names every act that needs a supervisor: the ones it leaves out no longer do.
    if (flags.approve !== undefined)
      for (const [flag, key] of Object.entries(approvalFlags))
        approvals[key] = flags.approve.includes(flag as ApprovalFlag);
    if (flags.approveCancelAbove !== undefined)
      approvals.cancelAbove = flags.approveCancelAbove === false ? null : flags.approveCancelAbove;
    body.approvals = approvals;
  }
  if (flags.legalName !== undefined) body.legalName = flags.legalName || null;
  if (flags.stir !== undefined) body.stir = flags.stir || null;
  if (flags.address !== undefined) body.address = flags.address || null;
  if (flags.fiscalDataRequired !== undefined) body.fiscalDataRequired = flags.fiscalDataRequired;
  if (flags.registerKeepDays !== undefined) body.registerKeepDays = flags.registerKeepDays;
  if (flags.scale === false) body.scaleBarcode = null;
  else if (changesScaleLayout(flags)) {
    const base = current ?? { prefixes: ['20'], itemDigits: 5, value: 'weight' as const };
    body.scaleBarcode = parseOptions(scaleBarcodeSchema, {
      prefixes: flags.scalePrefixes ?? base.prefixes,
      itemDigits: flags.scaleItemDigits ?? base.itemDigits,
      value: flags.scaleValue ?? base.value,
    });
  }
  return body;
}

const percent = (bp: number) => `${bp / 100}%`;

function approvalsText(globals: GlobalOptions, approvals: Approvals | undefined): string {
  const t = (key: TextKey) => text(globals.lang, key);
  if (!approvals) return t('settingNone');
  const acts: string[] = (
    Object.entries(approvalFlags) as Array<[ApprovalFlag, (typeof approvalFlags)[ApprovalFlag]]>
  )
    .filter(([, key]) => approvals[key])
    .map(([flag]) => flag);
  if (approvals.cancelAbove !== null)
    acts.push(text(globals.lang, 'settingCancelAbove', { amount: formatMoney(approvals.cancelAbove) }));
  return acts.length === 0 ? t('settingNone') : acts.join(', ');
}

function quickKeysText(globals: GlobalOptions, answer: SettingsResponse): string {
  const products = answer.quickKeyProducts ?? [];
  if (products.length === 0) return text(globals.lang, 'settingNone');
  return products.map((p, i) => `${i + 1}. ${p.name} (${p.sku})`).join('\n');
}

function printSettings(globals: GlobalOptions, answer: SettingsResponse): void {
  const t = (key: TextKey) => text(globals.lang, key);
  const settings: Settings = answer.settings;
  const scale = settings.scaleBarcode;
  printTable(
    [t('colSetting'), t('colValue')],
    [
      [t('settingStore'), `${settings.storeName} (${settings.currency})`],
      [t('settingVat'), percent(settings.defaultVatRate)],
      [
        t('settingCashRounding'),
        settings.cashRounding ? formatMoney(settings.cashRounding) : t('settingOff'),
      ],
      [t('settingMaxDiscount'), percent(settings.maxCashierDiscount)],
      [
        t('settingScale'),
        scale
          ? text(globals.lang, 'settingScaleLayout', {
              prefixes: scale.prefixes.join(','),
              digits: scale.itemDigits,
              value: t(scale.value === 'weight' ? 'settingScaleWeight' : 'settingScalePrice'),
            })
          : t('settingOff'),
      ],
      [t('settingReceiptHeader'), settings.receiptHeader ?? '—'],
      [t('settingApprovals'), approvalsText(globals, settings.approvals)],
      [t('settingQuickKeys'), quickKeysText(globals, answer)],
      [t('settingLegalName'), settings.legalName ?? '—'],
      [t('settingStir'), settings.stir ?? '—'],
      [t('settingAddress'), settings.address ?? '—'],
      [t('settingFiscalDataRequired'), t(settings.fiscalDataRequired ? 'settingOn' : 'settingOff')],
      [
        t('settingRegisterKeepDays'),
        text(globals.lang, 'settingDays', {
          days: settings.registerKeepDays ?? REGISTER_KEEP_DAYS.default,
        }),
      ],
    ],
  );
}

export async function showSettings(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { api } = loggedInClient(globals);
  const answer = await api.request('GET', '/settings', { response: settingsResponse });
  if (globals.json) return printJson(answer);
  printSettings(globals, answer);
}

export async function setSettings(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(setFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  // Only a partial scale layout needs the current settings; anything else is one PATCH.
  const current = changesScaleLayout(flags)
    ? (await api.request('GET', '/settings', { response: settingsResponse })).settings.scaleBarcode
    : null;
  const body = settingsPatch(flags, current);
  if (Object.keys(body).length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      params: { field: 'settings set', reason: text(globals.lang, 'settingsNothingToSet') },
    });
  }
  const answer = await api.request('PATCH', '/settings', { body, response: settingsResponse });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'settingsSaved'));
  printSettings(globals, answer);
}

const quickKeysFlagsSchema = z.strictObject({ clear: z.boolean().optional() });

/** `posapp settings quick-keys NON-1 PAKET-1 …`: the register's grid, by SKU, in the order given. */
export async function setQuickKeys(skus: string[], _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(quickKeysFlagsSchema, command.opts());
  const { api } = loggedInClient(globals);
  if (skus.length === 0 && !flags.clear) {
    const answer = await api.request('GET', '/settings', { response: settingsResponse });
    if (globals.json) return printJson(answer.quickKeyProducts ?? []);
    return printLine(quickKeysText(globals, answer));
  }
  if (flags.clear && skus.length > 0)
    return parseOptions(z.never({ error: '--clear goes without SKUs' }), undefined, 'settings quick-keys');
  if (skus.length > MAX_QUICK_KEYS)
    return parseOptions(
      z.never({ error: `at most ${MAX_QUICK_KEYS} products` }),
      undefined,
      'settings quick-keys',
    );
  const ids: string[] = [];
  for (const sku of skus) ids.push((await resolveProduct(api, sku)).id);
  const answer = await api.request('PATCH', '/settings', {
    body: { quickKeys: ids } satisfies UpdateSettingsBody,
    response: settingsResponse,
  });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'settingsSaved'));
  printLine(quickKeysText(globals, answer));
}
