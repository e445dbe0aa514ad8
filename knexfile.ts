import type { Knex } from 'knex';
import { serverDbUrl } from './src/server/config.js';
import { knexConfig } from './src/server/db/connection.js';

/**
 * For the knex CLI (`npx tsx node_modules/knex/bin/cli.js --knexfile knexfile.ts migrate:status`). It reads the same
 * settings as `posapp server` and builds the same configuration the server migrates with (`knexConfig`: the
 * dialect's connection, pool and pragmas, the migrations listed in src/server/db/migrations/index.ts), so the CLI
 * and the server always see one migration history.
 *
 * - `development` (the default): the server's own database: DATABASE_URL, else `posapp.sqlite` in the data dir
 *   (POSAPP_DATA_DIR or `~/.local/share/posapp/server`).
 * - `sqlite`: that SQLite file even when DATABASE_URL points elsewhere.
 * - `mysql`: DATABASE_URL when it is a MySQL URL, else MySQL on localhost (`mysql://root@127.0.0.1:3306/posapp`).
 */
const serverUrl = serverDbUrl();
const { DATABASE_URL } = process.env;

const knexfile: Record<'development' | 'sqlite' | 'mysql', Knex.Config> = {
  get development() {
    return knexConfig(serverUrl);
  },
  get sqlite() {
    return knexConfig(serverDbUrl({}, { ...process.env, DATABASE_URL: undefined }));
  },
  get mysql() {
    return knexConfig(
      DATABASE_URL?.startsWith('mysql:') ? DATABASE_URL : 'mysql://root@127.0.0.1:3306/posapp',
    );
  },
};

export default knexfile;
