import type { Command } from 'commander';
import { z } from 'zod';
import { formatMoney } from '../../common/money.js';
import { settingsChangeData } from '../../common/protocol/sync.js';
import { scaleBarcodeSchema, stirSchema, type UpdateSettingsBody } from '../../common/protocol/settings.js';
import { loggedInClient } from '../api-client.js';
import { somFlag, vatPercentFlag } from '../flags.js';
import { text, type TextKey } from '../messages.js';
import { printJson, printLine, printTable } from '../output.js';
import type { GlobalOptions } from '../config.js';
import { globalsOf, parseOptions } from '../program.js';

const settingsResponse = z.object({ settings: settingsChangeData });
type Settings = z.infer<typeof settingsChangeData>;

const setFlagsSchema = z
  .strictObject({
    cashRounding: somFlag.pipe(z.literal([0, 5000, 10_000], { error: "0, 50 or 100 so'm" })).optional(),
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
    legalName: z.union([z.string().trim().min(1).max(191), z.literal(false)]).optional(),
    stir: z.union([stirSchema, z.literal(false)]).optional(),
    address: z.union([z.string().trim().min(1).max(300), z.literal(false)]).optional(),
    fiscalDataRequired: z.boolean().optional(),
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
  if (flags.legalName !== undefined) body.legalName = flags.legalName || null;
  if (flags.stir !== undefined) body.stir = flags.stir || null;
  if (flags.address !== undefined) body.address = flags.address || null;
  if (flags.fiscalDataRequired !== undefined) body.fiscalDataRequired = flags.fiscalDataRequired;
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

function printSettings(globals: GlobalOptions, settings: Settings): void {
  const t = (key: TextKey) => text(globals.lang, key);
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
      [t('settingLegalName'), settings.legalName ?? '—'],
      [t('settingStir'), settings.stir ?? '—'],
      [t('settingAddress'), settings.address ?? '—'],
      [t('settingFiscalDataRequired'), t(settings.fiscalDataRequired ? 'settingOn' : 'settingOff')],
    ],
  );
}

export async function showSettings(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { api } = loggedInClient(globals);
  const answer = await api.request('GET', '/settings', { response: settingsResponse });
  if (globals.json) return printJson(answer);
  printSettings(globals, answer.settings);
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
    return parseOptions(
      z.never({ error: text(globals.lang, 'settingsNothingToSet') }),
      undefined,
      'settings set',
    );
  }
  const answer = await api.request('PATCH', '/settings', { body, response: settingsResponse });
  if (globals.json) return printJson(answer);
  printLine(text(globals.lang, 'settingsSaved'));
  printSettings(globals, answer.settings);
}
