import type { Command } from 'commander';
import { AppError } from '../../common/errors.js';
import type { FiscalOverview } from '../../terminal/fiscal/service.js';
import type { RegisterContext } from '../../terminal/register/context.js';
import { text } from '../messages.js';
import { formatTime, printJson, printLine, printNotice, printTable } from '../output.js';
import { withRegister } from './pos-common.js';

/** `pos fiscal set fds --url http://127.0.0.1:3449 --factory-id …`: this register fiscalises every sale. */
export async function setFds(
  options: { url: string; factoryId: string; posAuth?: string; blockAfter: string },
  command: Command,
): Promise<void> {
  const { fiscalStatus, setFiscalFds } = await import('../../terminal/fiscal/service.js');
  await withRegister(command, async (ctx, globals) => {
    const hours = Number(options.blockAfter);
    const config = setFiscalFds(ctx, {
      url: options.url,
      factoryId: options.factoryId,
      posAuth: options.posAuth ?? null,
      blockAfterHours: Number.isInteger(hours) ? hours : Number.NaN,
    });
    // Asked at once, so the next sync already tells the owner which FM this is and its countdown.
    const overview = await fiscalStatus(ctx);
    if (globals.json)
      return printJson({ fiscal: { ...config, posAuth: config.posAuth ? '***' : null, fm: overview.fm } });
    printLine(text(globals.lang, 'fiscalSet', { url: config.url, factoryId: config.factoryId }));
    if (overview.error) printNotice(overview.error.localized(ctx.lang));
  });
}

export async function off(_options: unknown, command: Command): Promise<void> {
  const { turnFiscalOff } = await import('../../terminal/fiscal/service.js');
  await withRegister(command, (ctx, globals) => {
    turnFiscalOff(ctx);
    if (globals.json) printJson({ fiscal: null });
    else printLine(text(globals.lang, 'fiscalOff'));
  });
}

/** The countdown as the cashier and the owner read it: nothing, a warning, or the block. */
export async function countdownNotice(
  ctx: RegisterContext,
  overview: FiscalOverview,
): Promise<string | null> {
  const { formatLeft } = await import('../../terminal/fiscal/countdown.js');
  const left = formatLeft(overview.countdown.leftMs ?? 0);
  switch (overview.countdown.level) {
    case 'half':
      return text(ctx.lang, 'fiscalWarnHalf', { left });
    case 'threeQuarters':
      return text(ctx.lang, 'fiscalWarnThreeQuarters', { left });
    case 'blocked':
      return text(ctx.lang, 'fiscalBlocked');
    default:
      return null;
  }
}

/** `pos fiscal status`: the FM's own answer, the countdown, and this register's sales still waiting. */
export async function status(_options: unknown, command: Command): Promise<void> {
  const { fiscalStatus, readFiscalConfig } = await import('../../terminal/fiscal/service.js');
  const { formatLeft } = await import('../../terminal/fiscal/countdown.js');
  await withRegister(command, async (ctx, globals) => {
    if (!readFiscalConfig(ctx)) {
      if (globals.json) return printJson({ fiscal: null });
      return printLine(text(globals.lang, 'fiscalNotSet'));
    }
    const overview = await fiscalStatus(ctx);
    if (globals.json)
      return printJson({
        fiscal: {
          url: overview.config.url,
          factoryId: overview.config.factoryId,
          fm: overview.fm,
          error: overview.error
            ? { code: overview.error.code, message: overview.error.localized(ctx.lang) }
            : null,
          waiting: overview.waiting,
          countdown: overview.countdown,
        },
      });
    const t = (key: Parameters<typeof text>[1]) => text(globals.lang, key);
    const yesNo = (value: boolean) => t(value ? 'yes' : 'no');
    const fm = overview.fm;
    printTable(
      [],
      [
        [t('fiscalUrl'), overview.config.url],
        ...(fm
          ? [
              [t('fiscalTerminal'), fm.terminalId],
              [t('fiscalLocked'), yesNo(fm.locked)],
              [t('fiscalZOpen'), yesNo(fm.zOpen)],
              [t('fiscalUnsent'), fm.unsent],
              [t('fiscalOldest'), formatTime(fm.oldestUnsentAt)],
              [t('fiscalMemory'), fm.memoryLeft],
            ]
          : [[t('fiscalError'), overview.error?.localized(ctx.lang) ?? '']]),
        ...(overview.countdown.leftMs === null
          ? []
          : [[t('fiscalLeft'), formatLeft(overview.countdown.leftMs)]]),
        [t('fiscalWaiting'), overview.waiting],
      ],
    );
    const notice = await countdownNotice(ctx, overview);
    if (notice) printNotice(notice);
    if (!fm) process.exitCode = 1;
  });
}

/** `pos fiscal retry`: sends every sale and refund still without a fiscal sign, oldest first. */
export async function retry(_options: unknown, command: Command): Promise<void> {
  const { retryFiscal } = await import('../../terminal/fiscal/service.js');
  const { waitingFiscalSummary } = await import('../../terminal/store/queries/fiscal.js');
  await withRegister(command, async (ctx, globals) => {
    const { done, failed } = await retryFiscal(ctx);
    const { waiting } = waitingFiscalSummary(ctx.db);
    if (globals.json) printJson({ fiscalised: done.length, waiting, error: failed?.error.code ?? null });
    else printLine(text(globals.lang, 'fiscalRetried', { count: done.length, waiting }));
    if (failed) throw failed.error;
  });
}

/**
 * After a sale or refund is committed: the FM signs it. A refusal or an unplugged FM keeps the sale and
 * tells the cashier what to do; answers whether the fiscal sign is known (then the receipt may print).
 */
export async function fiscaliseAfterCommit(
  ctx: RegisterContext,
  doc: { id: string; number: string; fiscal: boolean },
): Promise<boolean> {
  if (!doc.fiscal) return true;
  const { fiscaliseDocument } = await import('../../terminal/fiscal/service.js');
  try {
    await fiscaliseDocument(ctx, doc.id);
    return true;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    printNotice(
      text(ctx.lang, 'fiscalSaleKept', { receiptNo: doc.number, message: error.localized(ctx.lang) }),
    );
    process.exitCode = 1;
    return false;
  }
}
