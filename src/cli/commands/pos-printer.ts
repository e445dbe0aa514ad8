import type { Command } from 'commander';
import { text } from '../messages.js';
import { printLine } from '../output.js';
import { withRegister } from './pos-common.js';
import { AppError } from '../../common/errors.js';

/** `pos printer set <target>`: `/dev/usb/lp0` or `tcp://192.168.1.50:9100`, paper width, code page, drawer pin. */
export async function set(
  target: string,
  options: { paper: '58' | '80'; codePage: 'cp866' | 'cp1251'; drawer: '2' | '5' | 'none' },
  command: Command,
): Promise<void> {
  const { savePrinterConfig } = await import('../../terminal/register/printing.js');
  await withRegister(command, (ctx, globals) => {
    savePrinterConfig(ctx, {
      target,
      width: options.paper === '58' ? 32 : 48,
      codePage: options.codePage,
      drawerPin: options.drawer === 'none' ? null : (Number(options.drawer) as 2 | 5),
    });
    printLine(text(globals.lang, 'printerSaved', { target }));
  });
}

export async function test(_options: unknown, command: Command): Promise<void> {
  const { printTestPage, readPrinterConfig } = await import('../../terminal/register/printing.js');
  await withRegister(command, async (ctx, globals) => {
    const printer = readPrinterConfig(ctx);
    if (!printer)
      throw new AppError('VALIDATION_FAILED', {
        params: { field: 'printer', reason: text(globals.lang, 'printerNotSet') },
      });
    await printTestPage(ctx, printer);
    printLine(text(globals.lang, 'printerTestSent', { target: printer.target }));
  });
}
