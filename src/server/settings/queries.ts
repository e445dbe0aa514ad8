import type { Knex } from 'knex';
import { upsertRows } from '../db/dialect.js';

export interface StoreSettingsRow {
  tenant_id: string;
  store_id: string;
  cash_rounding: number;
  /** JSON text. */
  scale_barcode: string | null;
  receipt_header: string | null;
  max_cashier_discount: number;
  /** JSON text of the approvals; null: none needed. */
  approvals?: string | null;
  /** JSON array of product ids; null: no grid. */
  quick_keys?: string | null;
  legal_name: string | null;
  stir: string | null;
  address: string | null;
  fiscal_data_required: boolean | number;
  /** Days of sales each register keeps; absent before its migration. */
  register_keep_days?: number;
  updated_at: number;
}

export async function findSettings(
  knex: Knex,
  tenantId: string,
  storeId: string,
): Promise<StoreSettingsRow | undefined> {
  return knex<StoreSettingsRow>('store_settings').where({ tenant_id: tenantId, store_id: storeId }).first();
}

export async function saveSettings(trx: Knex, row: StoreSettingsRow): Promise<void> {
  await upsertRows(
    trx,
    'store_settings',
    [row],
    ['tenant_id', 'store_id'],
    [
      'cash_rounding',
      'scale_barcode',
      'receipt_header',
      'max_cashier_discount',
      'approvals',
      'quick_keys',
      'legal_name',
      'stir',
      'address',
      'fiscal_data_required',
      'register_keep_days',
      'updated_at',
    ],
  );
}
