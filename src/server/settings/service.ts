import type { Knex } from 'knex';
import { AppError } from '../../common/errors.js';
import {
  REGISTER_KEEP_DAYS,
  type Approvals,
  type SettingsResponse,
  type StoreSettings,
  type UpdateSettingsBody,
} from '../../common/protocol/settings.js';
import { productsByIds } from '../catalog/service.js';
import type { TenantContext } from '../context.js';
import { recordChanges } from '../changes/service.js';
import { defaultStore, getStore, getTenant, setDefaultVatRate } from '../tenants/service.js';
import { findSettings, saveSettings, type StoreSettingsRow } from './queries.js';

/** Until an owner changes them: no cash rounding, EAN-13 scale labels 20–29 carrying the weight, 10% discount cap. */
export const defaultSettings = {
  cashRounding: 0,
  scaleBarcode: {
    prefixes: ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'],
    itemDigits: 5,
    value: 'weight' as const,
  },
  receiptHeader: null,
  maxCashierDiscount: 1000,
  /** None until the owner asks: a shop without a supervisor yet must still be able to refund. */
  approvals: {
    refund: false,
    voidAfterPayment: false,
    cancelAbove: null,
    discountAboveLimit: false,
    cashOut: false,
  } satisfies Approvals as Approvals,
  quickKeys: [] as string[],
  legalName: null,
  stir: null,
  address: null,
  fiscalDataRequired: false,
  registerKeepDays: REGISTER_KEEP_DAYS.default as number,
};

type OwnSettings = Pick<
  StoreSettings,
  'cashRounding' | 'scaleBarcode' | 'receiptHeader' | 'maxCashierDiscount'
> & {
  approvals: Approvals;
  quickKeys: string[];
  legalName: string | null;
  stir: string | null;
  address: string | null;
  fiscalDataRequired: boolean;
  registerKeepDays: number;
};

function fromRow(row: StoreSettingsRow | undefined): OwnSettings {
  if (!row) return defaultSettings;
  return {
    cashRounding: row.cash_rounding,
    scaleBarcode:
      row.scale_barcode === null ? null : (JSON.parse(row.scale_barcode) as OwnSettings['scaleBarcode']),
    receiptHeader: row.receipt_header,
    maxCashierDiscount: row.max_cashier_discount,
    approvals: row.approvals ? (JSON.parse(row.approvals) as Approvals) : defaultSettings.approvals,
    quickKeys: row.quick_keys ? (JSON.parse(row.quick_keys) as string[]) : [],
    legalName: row.legal_name ?? null,
    stir: row.stir ?? null,
    address: row.address ?? null,
    // SQLite hands booleans back as 0/1.
    fiscalDataRequired: Boolean(row.fiscal_data_required),
    registerKeepDays: row.register_keep_days ?? REGISTER_KEEP_DAYS.default,
  };
}

/** The settings a register of the store works with (also what pull sends as the `settings` entity). */
export async function storeSettings(knex: Knex, tenantId: string, storeId: string): Promise<StoreSettings> {
  const [tenant, store, row] = await Promise.all([
    getTenant(knex, tenantId),
    getStore(knex, tenantId, storeId),
    findSettings(knex, tenantId, storeId),
  ]);
  return {
    storeName: store.name,
    currency: tenant.currency,
    defaultVatRate: tenant.default_vat_rate,
    ...fromRow(row),
  };
}

export async function getSettings(ctx: TenantContext): Promise<SettingsResponse> {
  const store = await defaultStore(ctx.db.knex, ctx.tenantId);
  const settings = await storeSettings(ctx.db.knex, ctx.tenantId, store.id);
  const ids = settings.quickKeys ?? [];
  const products = new Map(
    (await productsByIds(ctx.db.knex, ctx.tenantId, ids)).map((p) => [p.id, p] as const),
  );
  return {
    settings,
    quickKeyProducts: ids.flatMap((id) => {
      const p = products.get(id);
      return p ? [{ id, sku: p.sku, name: p.name, active: p.active }] : [];
    }),
  };
}

/**
 * Quick keys must be this tenant's products on sale: a foreign or made-up id, or a product taken off sale, would
 * be a dead key at every register.
 */
async function checkQuickKeys(ctx: TenantContext, ids: readonly string[]): Promise<void> {
  const found = new Map((await productsByIds(ctx.db.knex, ctx.tenantId, ids)).map((p) => [p.id, p] as const));
  const unknown = ids.find((id) => !found.has(id));
  if (unknown !== undefined) throw new AppError('UNKNOWN_PRODUCT', { params: { ref: unknown } });
  const inactive = ids.map((id) => found.get(id)!).find((p) => !p.active);
  if (inactive) throw new AppError('PRODUCT_INACTIVE', { params: { name: inactive.name } });
}

export async function updateSettings(
  ctx: TenantContext,
  body: UpdateSettingsBody,
): Promise<SettingsResponse> {
  if (body.quickKeys) await checkQuickKeys(ctx, body.quickKeys);
  const store = await defaultStore(ctx.db.knex, ctx.tenantId);
  await ctx.db.knex.transaction(async (trx) => {
    const current = fromRow(await findSettings(trx, ctx.tenantId, store.id));
    const next = { ...current };
    if (body.cashRounding !== undefined) next.cashRounding = body.cashRounding;
    if (body.scaleBarcode !== undefined) next.scaleBarcode = body.scaleBarcode;
    if (body.receiptHeader !== undefined) next.receiptHeader = body.receiptHeader;
    if (body.maxCashierDiscount !== undefined) next.maxCashierDiscount = body.maxCashierDiscount;
    if (body.approvals !== undefined) next.approvals = { ...current.approvals, ...body.approvals };
    if (body.quickKeys !== undefined) next.quickKeys = body.quickKeys;
    if (body.legalName !== undefined) next.legalName = body.legalName;
    if (body.stir !== undefined) next.stir = body.stir;
    if (body.address !== undefined) next.address = body.address;
    if (body.fiscalDataRequired !== undefined) next.fiscalDataRequired = body.fiscalDataRequired;
    if (body.registerKeepDays !== undefined) next.registerKeepDays = body.registerKeepDays;
    await saveSettings(trx, {
      tenant_id: ctx.tenantId,
      store_id: store.id,
      cash_rounding: next.cashRounding,
      scale_barcode: next.scaleBarcode === null ? null : JSON.stringify(next.scaleBarcode),
      receipt_header: next.receiptHeader,
      max_cashier_discount: next.maxCashierDiscount,
      approvals: JSON.stringify(next.approvals),
      quick_keys: JSON.stringify(next.quickKeys),
      legal_name: next.legalName,
      stir: next.stir,
      address: next.address,
      fiscal_data_required: next.fiscalDataRequired,
      register_keep_days: next.registerKeepDays,
      updated_at: Date.now(),
    });
    // The default VAT rate is the tenant's, so every store's registers hear of it.
    if (body.defaultVatRate !== undefined) await setDefaultVatRate(trx, ctx.tenantId, body.defaultVatRate);
    const stores = body.defaultVatRate !== undefined ? null : [store.id];
    await recordChanges(trx, ctx.tenantId, stores, [{ entity: 'settings', id: store.id }]);
  });
  ctx.logger.info({ tenantId: ctx.tenantId, storeId: store.id }, 'settings updated');
  return getSettings(ctx);
}
