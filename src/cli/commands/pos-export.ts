import { resolve } from 'node:path';
import type { Command } from 'commander';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { withRegister } from './pos-common.js';

/** `pos export-unsent <file>`: the register's waiting events in a signed file the owner imports on the server. */
export async function exportUnsentCommand(file: string, _options: unknown, command: Command): Promise<void> {
  const { exportUnsent } = await import('../../terminal/sync/export-unsent.js');
  await withRegister(command, (ctx, globals) => {
    const path = resolve(file);
    const count = exportUnsent(ctx.db, ctx.identity, path);
    if (globals.json) return printJson({ exported: count, file: path, device: ctx.identity.deviceName });
    printLine(text(globals.lang, 'unsentExported', { count, file: path, device: ctx.identity.deviceName }));
    printLine(text(globals.lang, 'unsentImportHint', { file: path }));
  });
}
