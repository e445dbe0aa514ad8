import type { Database } from 'better-sqlite3';
import * as createIdentityAndOutbox from './20261125120000_create_identity_and_outbox.js';
import * as createCatalogAndSales from './20261125130000_create_catalog_and_sales.js';
import * as createRegisterSession from './20261125140000_create_register_session.js';
import * as createPrinterConfig from './20261125150000_create_printer_config.js';
import * as createParkedSales from './20261125160000_create_parked_sales.js';
import * as productSearchPrefixes from './20261125170000_product_search_prefixes.js';
import * as createFiscal from './20261201110000_create_fiscal.js';
import * as createOpenSale from './20261201120000_create_open_sale.js';
import * as syncStateClockOffset from './20261201140000_sync_state_clock_offset.js';
import * as unappliedChanges from './20261201160100_unapplied_changes.js';
import * as cashierRole from './20261202050000_cashier_role.js';
import * as outboxClockOffset from './20261202070000_outbox_clock_offset.js';
import * as refundOriginals from './20261202080000_refund_originals.js';
import * as salesRetention from './20261202084000_sales_retention.js';

export interface StoreMigration {
  up(db: Database): void;
}

/** The register's own schema, listed by hand so sources and dist/ agree. Append only; never edit a listed one. */
export const storeMigrations: ReadonlyArray<readonly [string, StoreMigration]> = [
  ['20261125120000_create_identity_and_outbox', createIdentityAndOutbox],
  ['20261125130000_create_catalog_and_sales', createCatalogAndSales],
  ['20261125140000_create_register_session', createRegisterSession],
  ['20261125150000_create_printer_config', createPrinterConfig],
  ['20261125160000_create_parked_sales', createParkedSales],
  ['20261125170000_product_search_prefixes', productSearchPrefixes],
  ['20261201110000_create_fiscal', createFiscal],
  ['20261201120000_create_open_sale', createOpenSale],
  ['20261201140000_sync_state_clock_offset', syncStateClockOffset],
  ['20261201160100_unapplied_changes', unappliedChanges],
  ['20261202050000_cashier_role', cashierRole],
  ['20261202070000_outbox_clock_offset', outboxClockOffset],
  ['20261202080000_refund_originals', refundOriginals],
  ['20261202084000_sales_retention', salesRetention],
];
