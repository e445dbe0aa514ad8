import type { Knex } from 'knex';
import * as createTenants from './20261125100000_create_tenants.js';
import * as createStores from './20261125100100_create_stores.js';
import * as createUsers from './20261125100200_create_users.js';
import * as createLoginEmails from './20261125100300_create_login_emails.js';
import * as createPlatformUsers from './20261125100400_create_platform_users.js';
import * as createSessions from './20261125100500_create_sessions.js';
import * as createDevices from './20261125100600_create_devices.js';
import * as createDeviceLookup from './20261125100700_create_device_lookup.js';

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
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => [...migrations],
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};
