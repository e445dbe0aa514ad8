import type { Database } from 'better-sqlite3';
import * as createIdentityAndOutbox from './20261125120000_create_identity_and_outbox.js';
import * as createCatalogAndSales from './20261125130000_create_catalog_and_sales.js';

export interface StoreMigration {
  up(db: Database): void;
}

/** The register's own schema, listed by hand so sources and dist/ agree. Append only; never edit a listed one. */
export const storeMigrations: ReadonlyArray<readonly [string, StoreMigration]> = [
  ['20261125120000_create_identity_and_outbox', createIdentityAndOutbox],
  ['20261125130000_create_catalog_and_sales', createCatalogAndSales],
];
