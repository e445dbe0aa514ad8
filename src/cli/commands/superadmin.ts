import type { Command } from 'commander';
import { emailSchema, passwordSchema } from '../../common/protocol/auth.js';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';
import { askPassword } from '../prompt.js';
import { dbFlagsSchema } from './server.js';

const createFlagsSchema = dbFlagsSchema.extend({
  email: emailSchema,
  password: passwordSchema.optional(),
});

/**
 * `posapp superadmin create`: writes the platform owner straight into the server database (there is nobody
 * to log in as before it exists). Runs pending migrations first, as the server does on start.
 */
export async function createSuperadminCommand(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(createFlagsSchema, command.opts());
  const password = flags.password ?? parseOptions(passwordSchema, await askPassword(globals.lang));
  const { loadServerConfig } = await import('../../server/config.js');
  const { connect, migrateLatest } = await import('../../server/db/connection.js');
  const { createStderrLogger } = await import('../../server/logger.js');
  const { createSuperadmin } = await import('../../server/users/service.js');
  const config = loadServerConfig({ db: flags.db, dataDir: flags.dataDir });
  const db = connect(config.dbUrl);
  try {
    await migrateLatest(db);
    const logger = createStderrLogger('warn');
    const user = await createSuperadmin({ db, config, logger }, { email: flags.email, password });
    if (globals.json) return printJson({ user });
    printLine(text(globals.lang, 'superadminCreated', { email: user.email }));
  } finally {
    await db.knex.destroy();
  }
}
