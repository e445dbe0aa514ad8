import type { Knex } from 'knex';
import * as createTenants from './20261125100000_create_tenants.js';
import * as createStores from './20261125100100_create_stores.js';
import * as createUsers from './20261125100200_create_users.js';
import * as createLoginEmails from './20261125100300_create_login_emails.js';
import * as createPlatformUsers from './20261125100400_create_platform_users.js';
import * as createSessions from './20261125100500_create_sessions.js';
import * as createDevices from './20261125100600_create_devices.js';
import * as createDeviceLookup from './20261125100700_create_device_lookup.js';
import * as addTenantsDefaultVatRate from './20261125100800_add_tenants_default_vat_rate.js';
import * as createProducts from './20261125100900_create_products.js';
import * as createProductBarcodes from './20261125101000_create_product_barcodes.js';
import * as createStockLevels from './20261125101100_create_stock_levels.js';
import * as createStockMovements from './20261125101200_create_stock_movements.js';
import * as createStoreVersions from './20261125101300_create_store_versions.js';
import * as createStoreChanges from './20261125101400_create_store_changes.js';
import * as backfillStoreVersions from './20261125101500_backfill_store_versions.js';
import * as createStoreSettings from './20261125101600_create_store_settings.js';
import * as createSyncEvents from './20261125101700_create_sync_events.js';
import * as createShifts from './20261125101800_create_shifts.js';
import * as createSales from './20261125101900_create_sales.js';
import * as createSaleLines from './20261125102000_create_sale_lines.js';
import * as createSalePayments from './20261125102100_create_sale_payments.js';
import * as createRefunds from './20261125102200_create_refunds.js';
import * as createRefundLines from './20261125102300_create_refund_lines.js';
import * as createRefundPayments from './20261125102400_create_refund_payments.js';
import * as createCashMovements from './20261125102500_create_cash_movements.js';
import * as productsCoveringNameIndex from './20261125104500_products_covering_name_index.js';
import * as addUsersLang from './20261125104600_add_users_lang.js';
import * as addSaleLinesGrossUnitPackage from './20261201100000_add_sale_lines_gross_unit_package.js';
import * as addRefundLinesValues from './20261201100100_add_refund_lines_values.js';
import * as addStoreSettingsSeller from './20261201100200_add_store_settings_seller.js';
import * as addDevicesFiscalModule from './20261201100300_add_devices_fiscal_module.js';
import * as createFiscalReceipts from './20261201110000_create_fiscal_receipts.js';
import * as createAuditEvents from './20261201130000_create_audit_events.js';
import * as addUsersPinDigest from './20261201130100_add_users_pin_digest.js';
import * as addStoreSettingsApprovals from './20261201130200_add_store_settings_approvals.js';
import * as addStoreSettingsQuickKeys from './20261201130300_add_store_settings_quick_keys.js';
import * as addSyncEventsReview from './20261201140000_add_sync_events_review.js';
import * as addDevicesTokenRetiredAt from './20261201140100_add_devices_token_retired_at.js';
import * as addDevicesClockOffset from './20261201140200_add_devices_clock_offset.js';
import * as createLoginFailures from './20261201150000_create_login_failures.js';
import * as addTenantsLimitHits from './20261201150100_add_tenants_limit_hits.js';
import * as createDeviceLimitHits from './20261201150200_create_device_limit_hits.js';
import * as createLicenceHistory from './20261201150300_create_licence_history.js';
import * as addDeviceStatusReport from './20261201160000_add_device_status_report.js';
import * as refundsShiftIndex from './20261201170000_refunds_shift_index.js';
import * as createDailySummary from './20261202060000_create_daily_summary.js';
import * as salesReceiptNoIndex from './20261202080000_sales_receipt_no_index.js';
import * as addStoreSettingsRegisterKeepDays from './20261202084000_add_store_settings_register_keep_days.js';
import * as addSaleLineMarkingCodes from './20261202085000_add_sale_line_marking_codes.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Listed by hand so the same list works from TypeScript sources and from the built dist/. Append only. */
const migrations: ReadonlyArray<[string, Migration]> = [
  ['20261125100000_create_tenants', createTenants],
  ['20261125100100_create_stores', createStores],
  ['20261125100200_create_users', createUsers],
  ['20261125100300_create_login_emails', createLoginEmails],
  ['20261125100400_create_platform_users', createPlatformUsers],
  ['20261125100500_create_sessions', createSessions],
  ['20261125100600_create_devices', createDevices],
  ['20261125100700_create_device_lookup', createDeviceLookup],
  ['20261125100800_add_tenants_default_vat_rate', addTenantsDefaultVatRate],
  ['20261125100900_create_products', createProducts],
  ['20261125101000_create_product_barcodes', createProductBarcodes],
  ['20261125101100_create_stock_levels', createStockLevels],
  ['20261125101200_create_stock_movements', createStockMovements],
  ['20261125101300_create_store_versions', createStoreVersions],
  ['20261125101400_create_store_changes', createStoreChanges],
  ['20261125101500_backfill_store_versions', backfillStoreVersions],
  ['20261125101600_create_store_settings', createStoreSettings],
  ['20261125101700_create_sync_events', createSyncEvents],
  ['20261125101800_create_shifts', createShifts],
  ['20261125101900_create_sales', createSales],
  ['20261125102000_create_sale_lines', createSaleLines],
  ['20261125102100_create_sale_payments', createSalePayments],
  ['20261125102200_create_refunds', createRefunds],
  ['20261125102300_create_refund_lines', createRefundLines],
  ['20261125102400_create_refund_payments', createRefundPayments],
  ['20261125102500_create_cash_movements', createCashMovements],
  ['20261125104500_products_covering_name_index', productsCoveringNameIndex],
  ['20261125104600_add_users_lang', addUsersLang],
  ['20261201100000_add_sale_lines_gross_unit_package', addSaleLinesGrossUnitPackage],
  ['20261201100100_add_refund_lines_values', addRefundLinesValues],
  ['20261201100200_add_store_settings_seller', addStoreSettingsSeller],
  ['20261201100300_add_devices_fiscal_module', addDevicesFiscalModule],
  ['20261201110000_create_fiscal_receipts', createFiscalReceipts],
  ['20261201130000_create_audit_events', createAuditEvents],
  ['20261201130100_add_users_pin_digest', addUsersPinDigest],
  ['20261201130200_add_store_settings_approvals', addStoreSettingsApprovals],
  ['20261201130300_add_store_settings_quick_keys', addStoreSettingsQuickKeys],
  ['20261201140000_add_sync_events_review', addSyncEventsReview],
  ['20261201140100_add_devices_token_retired_at', addDevicesTokenRetiredAt],
  ['20261201140200_add_devices_clock_offset', addDevicesClockOffset],
  ['20261201150000_create_login_failures', createLoginFailures],
  ['20261201150100_add_tenants_limit_hits', addTenantsLimitHits],
  ['20261201150200_create_device_limit_hits', createDeviceLimitHits],
  ['20261201150300_create_licence_history', createLicenceHistory],
  ['20261201160000_add_device_status_report', addDeviceStatusReport],
  ['20261201170000_refunds_shift_index', refundsShiftIndex],
  ['20261202060000_create_daily_summary', createDailySummary],
  ['20261202080000_sales_receipt_no_index', salesReceiptNoIndex],
  ['20261202084000_add_store_settings_register_keep_days', addStoreSettingsRegisterKeepDays],
  ['20261202085000_add_sale_line_marking_codes', addSaleLineMarkingCodes],
];

/** `file` is what the knex CLI prints for a pending migration (`migrate:status`, `migrate:list`). */
export const migrationSource: Knex.MigrationSource<{ file: string; migration: Migration }> = {
  getMigrations: async () => migrations.map(([file, migration]) => ({ file, migration })),
  getMigrationName: ({ file }) => file,
  getMigration: async ({ migration }) => migration,
};
