import { Argument, Option } from 'commander';
import { languages } from '../common/i18n/index.js';
import { collect } from './commands/pos-common.js';
import { lazy, newProgram, runProgram } from './program.js';

const status = () => import('./commands/pos-status.js');
const session = () => import('./commands/pos-session.js');
const shift = () => import('./commands/pos-shift.js');
const selling = () => import('./commands/pos-sell.js');
const printer = () => import('./commands/pos-printer.js');
const syncing = () => import('./commands/pos-sync.js');
const exporting = () => import('./commands/pos-export.js');
const ui = () => import('./commands/pos-ui.js');
const fiscal = () => import('./commands/pos-fiscal.js');

/** The register's headless commands; each group's code is in commands/pos-<group>.ts, loaded when it runs. */
export function posProgram() {
  const program = newProgram('pos', 'POSAPP register (kassa)')
    .option('--data-dir <dir>', 'register data directory (default $POS_DATA_DIR or ~/.local/share/posapp)')
    .option('--json', 'machine-readable output')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(languages).default('uz'))
    .option('--debug', 'show details of unexpected errors');

  program
    .command('status')
    .description('which register this is, its server, sync state and events waiting to be sent')
    .action(lazy(status, 'status'));

  program
    .command('sync')
    .description('one full sync round: send waiting sales, receive catalog, prices, stock and cashiers')
    .action(lazy(syncing, 'sync'));

  program
    .command('export-unsent')
    .description(
      'write the events waiting to be sent to a signed file, for `posapp sync import` on the server',
    )
    .argument('<file>', 'where to write them, e.g. /media/usb/POS-01-unsent.jsonl')
    .action(lazy(exporting, 'exportUnsentCommand'));

  program
    .command('login')
    .description('log a cashier in at this register with their PIN (works offline)')
    .requiredOption('--pin <pin>', "the cashier's PIN")
    .action(lazy(session, 'login'));
  program.command('logout').description('log the cashier out').action(lazy(session, 'logout'));

  const shifts = program.command('shift').description('open or close the shift, X-report');
  shifts
    .command('open')
    .description('open a shift with the cash in the drawer')
    .option('--cash <amount>', 'opening cash in so‘m', '0')
    .action(lazy(shift, 'open'));
  shifts
    .command('close')
    .description('close the shift with the counted cash and print the Z-report')
    .requiredOption('--counted <amount>', 'cash counted in the drawer, in so‘m')
    .option('--print', 'also print the Z-report on the receipt printer')
    .option('--width <columns>', 'report width on screen (32 or 48)', '48')
    .action(lazy(shift, 'close'));
  shifts
    .command('report')
    .description('X-report of the open shift')
    .option('--print', 'also print the X-report on the receipt printer')
    .option('--width <columns>', 'report width on screen (32 or 48)', '48')
    .action(lazy(shift, 'report'));

  program
    .command('cash')
    .description('put cash into the drawer or take it out, with a reason')
    .addArgument(new Argument('<direction>', 'in or out').choices(['in', 'out']))
    .argument('<amount>', 'amount in so‘m')
    .requiredOption('--reason <text>', 'why (e.g. change for the morning, collection)')
    .option(
      '--supervisor-pin <pin>',
      'a supervisor’s PIN, when the store wants one for a cash out (asked for on a terminal)',
    )
    .action(lazy(shift, 'cash'));

  const receiptWidth = new Option('--width <columns>', 'receipt width in columns')
    .choices(['32', '48'])
    .default('48');
  program
    .command('sell')
    .description('sell without the UI: scan items, pay, print the receipt')
    .option(
      '--item <barcode[*qty]>',
      'a barcode, optionally with a quantity (3*4780000000015 or 4780000000015*1.25)',
      collect,
      [],
    )
    .option(
      '--pay <payment>',
      'cash[:amount] | card[:amount][:uzcard|humo|visa|mastercard][:ref] | qr[:amount][:click|payme|uzum][:ref]; amounts in so‘m',
      collect,
      [],
    )
    .option(
      '--mark <code>',
      'marking code (DataMatrix) of one unit of a marked item; one per unit',
      collect,
      [],
    )
    .option('--print', 'also print on the configured receipt printer')
    .addOption(receiptWidth)
    .action(lazy(selling, 'sell'));
  program
    .command('refund')
    .description('refund an earlier sale of this register, whole or some items')
    .argument('<receiptNo>', 'e.g. POS-01-000123')
    .option(
      '--item <barcode[*qty]>',
      'refund only this item (repeatable); default the whole sale',
      collect,
      [],
    )
    .option('--reason <text>', 'why the customer returned it')
    .option(
      '--supervisor-pin <pin>',
      'a supervisor’s PIN, when the store wants one for refunds (asked for on a terminal)',
    )
    .option('--print', 'also print on the configured receipt printer')
    .addOption(receiptWidth)
    .action(lazy(selling, 'refund'));
  program
    .command('receipt')
    .description('show or reprint an earlier receipt')
    .argument('<receiptNo>', 'e.g. POS-01-000123')
    .option('--print', 'print on the configured receipt printer')
    .addOption(receiptWidth)
    .action(lazy(selling, 'receipt'));

  const printers = program.command('printer').description('receipt printer (ESC/POS)');
  printers
    .command('set')
    .description('set the receipt printer: a device path or tcp://host:9100')
    .argument('<target>', '/dev/usb/lp0 or tcp://192.168.1.50:9100')
    .addOption(new Option('--paper <mm>', 'paper width').choices(['58', '80']).default('80'))
    .addOption(
      new Option('--code-page <cp>', 'printer code page').choices(['cp866', 'cp1251']).default('cp866'),
    )
    .addOption(new Option('--drawer <pin>', 'cash drawer kick pin').choices(['2', '5', 'none']).default('2'))
    .action(lazy(printer, 'set'));
  printers.command('test').description('print a test page').action(lazy(printer, 'test'));

  const fiscals = program
    .command('fiscal')
    .description('fiscal module (FM): every sale and refund signed, as Uzbek tax law requires');
  fiscals
    .command('set')
    .description('choose the fiscal module of this register')
    .command('fds')
    .description("the tax operator's FiscalDriveService on this PC")
    .option('--url <url>', 'FiscalDriveService address', 'http://127.0.0.1:3449')
    .requiredOption('--factory-id <id>', "the FM's FactoryID (see /FiscalDrive/List)")
    .option('--pos-auth <key>', 'X-POS-Auth key when the FM is locked to one POS')
    .option('--block-after <hours>', 'hours an unsent receipt may wait before the FM blocks (24 or 48)', '24')
    .action(lazy(fiscal, 'setFds'));
  fiscals
    .command('status')
    .description('the FM: number, lock, shift, unsent receipts, time left before it blocks')
    .action(lazy(fiscal, 'status'));
  fiscals
    .command('retry')
    .description('send the sales and refunds still without a fiscal sign')
    .action(lazy(fiscal, 'retry'));
  fiscals
    .command('off')
    .description('stop fiscalising on this register (receipts say they are not fiscal)')
    .action(lazy(fiscal, 'off'));
  // The cashier's screen: `pos` alone or `pos ui`; Ink and React are loaded only here.
  program.action(lazy(ui, 'ui'));
  program.command('ui').description('the cashier screen (the default)').action(lazy(ui, 'ui'));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  await runProgram(posProgram(), argv);
}
