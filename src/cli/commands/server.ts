import type { Command } from 'commander';
import { z } from 'zod';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';

/** Flags that say which server database to use (`--db` wins over DATABASE_URL). */
export const dbFlagsSchema = z.strictObject({
  db: z.string().min(1).optional(),
  dataDir: z.string().min(1).optional(),
});

const serveFlagsSchema = dbFlagsSchema.extend({
  port: z.coerce.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
});

/** `posapp server`: runs until SIGINT/SIGTERM, then closes the HTTP server and the pool. Logs are pino JSON. */
export async function serve(_options: unknown, command: Command): Promise<void> {
  const flags = parseOptions(serveFlagsSchema, command.opts());
  const { startServer } = await import('../../server/main.js');
  const running = await startServer(flags);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  running.logger.info({ signal }, 'posapp server stopping');
  await running.close();
}

/** `posapp migrate`: brings the server database to the latest schema. */
export async function migrate(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(dbFlagsSchema, command.opts());
  const { loadServerConfig } = await import('../../server/config.js');
  const { connect, migrateLatest, startupError } = await import('../../server/db/connection.js');
  const db = connect(loadServerConfig(flags).dbUrl);
  try {
    const applied = await migrateLatest(db).catch((error: unknown) => {
      throw startupError(error);
    });
    if (globals.json) return printJson({ applied });
    if (applied.length === 0) return printLine(text(globals.lang, 'migrationsNone'));
    printLine(text(globals.lang, 'migrationsApplied'));
    for (const name of applied) printLine(`  ${name}`);
  } finally {
    await db.knex.destroy();
  }
}
