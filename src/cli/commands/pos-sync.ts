import type { Command } from 'commander';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { withRegister } from './pos-common.js';

/** `pos sync`: the FM's status, then one full round (push everything, pull every page); non-zero exit when the server is unreachable. */
export async function sync(_options: unknown, command: Command): Promise<void> {
  const { syncOnce } = await import('../../terminal/sync/round.js');
  const { fiscalStatus, readFiscalConfig } = await import('../../terminal/fiscal/service.js');
  const { keepDaysOf } = await import('../../terminal/sync/prune.js');
  await withRegister(command, async (ctx, globals) => {
    // The FM is asked first, so the owner sees today's countdown; an FM that does not answer leaves its last one.
    if (readFiscalConfig(ctx)) await fiscalStatus(ctx);
    const report = await syncOnce(ctx.db, ctx.identity, { lang: globals.lang });
    if (globals.json) return printJson({ sync: report });
    if (!report.ran) return printLine(text(globals.lang, 'syncBusy'));
    printLine(
      text(globals.lang, 'syncDone', {
        pushed: report.pushed,
        duplicates: report.duplicates,
        rejected: report.rejected,
        pulled: report.pulled,
        pending: report.pending,
      }),
    );
    if (report.pruned && report.pruned.sales > 0)
      printLine(text(globals.lang, 'syncPruned', { count: report.pruned.sales, days: keepDaysOf(ctx.db) }));
  });
}
