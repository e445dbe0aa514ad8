import type { Knex } from 'knex';
import type { StoreSettings, UpdateSettingsBody } from '../../common/protocol/settings.js';
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
};

type OwnSettings = Pick<
  StoreSettings,
  'cashRounding' | 'scaleBarcode' | 'receiptHeader' | 'maxCashierDiscount'
>;

function fromRow(row: StoreSettingsRow | undefined): OwnSettings {
  if (!row) return defaultSettings;
  return {
    cashRounding: row.cash_rounding,
    scaleBarcode:
      row.scale_barcode === null ? null : (JSON.parse(row.scale_barcode) as OwnSettings['scaleBarcode']),
    receiptHeader: row.receipt_header,
    maxCashierDiscount: row.max_cashier_discount,
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

export async function getSettings(ctx: TenantContext): Promise<{ settings: StoreSettings }> {
  const store = await defaultStore(ctx.db.knex, ctx.tenantId);
  return { settings: await storeSettings(ctx.db.knex, ctx.tenantId, store.id) };
}

export async function updateSettings(
  ctx: TenantContext,
  body: UpdateSettingsBody,
): Promise<{ settings: StoreSettings }> {
  const store = await defaultStore(ctx.db.knex, ctx.tenantId);
  await ctx.db.knex.transaction(async (trx) => {
    const current = fromRow(await findSettings(trx, ctx.tenantId, store.id));
    const next = { ...current };
    if (body.cashRounding !== undefined) next.cashRounding = body.cashRounding;
    if (body.scaleBarcode !== undefined) next.scaleBarcode = body.scaleBarcode;
    if (body.receiptHeader !== undefined) next.receiptHeader = body.receiptHeader;
    if (body.maxCashierDiscount !== undefined) next.maxCashierDiscount = body.maxCashierDiscount;
    await saveSettings(trx, {
      tenant_id: ctx.tenantId,
      store_id: store.id,
      cash_rounding: next.cashRounding,
      scale_barcode: next.scaleBarcode === null ? null : JSON.stringify(next.scaleBarcode),
      receipt_header: next.receiptHeader,
      max_cashier_discount: next.maxCashierDiscount,
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
