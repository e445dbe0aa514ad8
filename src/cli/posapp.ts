import { Option, type Command } from 'commander';
import { languages } from '../common/i18n/index.js';
import { auditKinds } from '../common/protocol/sync.js';
import { lazy, newProgram, runProgram } from './program.js';

const server = () => import('./commands/server.js');
const superadmin = () => import('./commands/superadmin.js');
const auth = () => import('./commands/auth.js');
const tenants = () => import('./commands/tenants.js');
const devices = () => import('./commands/devices.js');
const sync = () => import('./commands/sync.js');
const demo = () => import('./commands/demo.js');
const products = () => import('./commands/products.js');
const stock = () => import('./commands/stock.js');
const users = () => import('./commands/users.js');
const reports = () => import('./commands/reports.js');
const settings = () => import('./commands/settings.js');
const fiscalEmulator = () => import('./commands/fiscal-emulator.js');

/** For repeatable options such as `--barcode a --barcode b`. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Every `posapp` command is declared here; its code lives in commands/<group>.ts and loads only when it runs. */
export function posappProgram() {
  const program = newProgram('posapp', 'POSAPP: server, platform owner and shop owner commands')
    .option('--json', 'machine-readable output (the server’s JSON)')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(languages).default('uz'))
    .option('--server <url>', 'server URL (default: the one you logged in to)')
    .option('--config-dir <dir>', 'where the login session is kept (default ~/.config/posapp)')
    .option('--debug', 'show details of unexpected errors');

  program
    .command('server')
    .description('run the HTTP API (logs to stdout; stops on Ctrl+C)')
    .option('--port <port>', 'port to listen on (default 8080)')
    .option('--host <host>', 'address to bind (default 0.0.0.0)')
    .option('--db <url>', 'mysql://user:pass@host:3306/db or sqlite:<path>')
    .option('--data-dir <dir>', 'server data directory (default ~/.local/share/posapp/server)')
    .action(lazy(server, 'serve'));

  program
    .command('migrate')
    .description('bring the server database to the latest schema')
    .option('--db <url>', 'mysql://user:pass@host:3306/db or sqlite:<path>')
    .option('--data-dir <dir>', 'server data directory')
    .action(lazy(server, 'migrate'));

  program
    .command('superadmin')
    .description('platform owner accounts (written straight into the server database)')
    .command('create')
    .description('create a platform owner (superadmin)')
    .requiredOption('--email <email>', 'login email')
    .option('--password <password>', 'password (asked when omitted)')
    .option('--db <url>', 'mysql://user:pass@host:3306/db or sqlite:<path>')
    .option('--data-dir <dir>', 'server data directory')
    .action(lazy(superadmin, 'createSuperadminCommand'));

  program
    .command('login')
    .description('log in to a server and keep the session (needs --server)')
    .requiredOption('--email <email>', 'login email')
    .option('--password <password>', 'password (asked when omitted)')
    .action(lazy(auth, 'login'));

  program.command('logout').description('end the session and forget it').action(lazy(auth, 'logout'));

  program
    .command('bootstrap')
    .description('superadmin: create a tenant with its store, owner and register POS-01')
    .requiredOption('--tenant <name>', 'tenant (company) name')
    .requiredOption('--store <name>', 'first store name')
    .requiredOption('--owner-email <email>', 'owner login email')
    .requiredOption('--owner-password <password>', 'owner password (8+ characters)')
    .option('--max-devices <n>', 'registers licensed (default 1)')
    .option('--currency <code>', 'ISO 4217 currency (default UZS)')
    .action(lazy(tenants, 'bootstrap'));

  const tenantGroup = program
    .command('tenants')
    .description('superadmin: tenants and their register licence');
  tenantGroup
    .command('list')
    .description('list tenants: registers used/allowed, owner email, how often they asked for more registers')
    .option('--search <text>', 'part of the tenant name or owner email, or the tenant id')
    .addOption(
      new Option(
        '--sort <order>',
        'limitHits: who asked for more first (default); created: oldest first',
      ).choices(['limitHits', 'created']),
    )
    .option('--limit <n>', 'tenants per page (default 100)')
    .option('--all-pages', 'fetch every page')
    .action(lazy(tenants, 'listTenants'));
  tenantGroup
    .command('max-devices')
    .description('set how many registers a tenant may use (kept in the licence history)')
    .argument('<tenantId>', 'tenant id (see tenants list)')
    .argument('<n>', 'registers allowed')
    .option('--note <text>', 'why, e.g. the payment reference: "invoice 118, 2 × $80"')
    .action(lazy(tenants, 'setMaxDevices'));
  tenantGroup
    .command('history')
    .description('licence history of a tenant: when, by whom, from → to, note')
    .argument('<tenantId>', 'tenant id (see tenants list)')
    .action(lazy(tenants, 'licenceHistory'));

  const deviceGroup = program.command('devices').description('owner: registers (kassa) of your shop');
  deviceGroup
    .command('add')
    .description('add a register and print its one-time key')
    .option('--name <name>', 'register name (default next POS-NN)')
    .action(lazy(devices, 'addDevice'));
  deviceGroup
    .command('list')
    .description('list registers and the licence use')
    .action(lazy(devices, 'listDevices'));
  deviceGroup
    .command('revoke')
    .description('revoke a register: its token stops working, its seat is freed')
    .argument('<device>', 'register id or name, e.g. POS-02')
    .option('--force', 'even if it still reports unsent sales')
    .action(lazy(devices, 'revokeDevice'));
  deviceGroup
    .command('reset-key')
    .description('new key for a replaced PC; the old token stops working')
    .argument('<device>', 'register id or name, e.g. POS-02')
    .option('--force', 'even if it still reports unsent sales')
    .action(lazy(devices, 'resetDeviceKey'));

  program
    .command('sync')
    .description('owner: registers’ events that could not reach the server')
    .command('import')
    .description(
      'bring in the events a register wrote with `pos export-unsent` (importing twice adds nothing)',
    )
    .argument('<file>', 'the file the register wrote')
    .action(lazy(sync, 'importUnsent'));

  program
    .command('fiscal-emulator')
    .description('a stand-in fiscal module (FiscalDriveService with the FM rules) for trying registers')
    .option('--port <port>', 'port to listen on', '3449')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option(
      '--factory-id <id>',
      'FactoryID the register must use (default EMU00000-0000-0000-0000-000000000001)',
    )
    .option('--terminal-id <id>', 'FM number printed on receipts (default ZZ000000000001)')
    .option('--block-after <hours>', 'hours an unsent receipt may wait before the FM blocks', '48')
    .option('--latency <ms>', 'delay of every answer, as a slow FM', '0')
    .option('--offline', 'receipts are not sent to the tax server (the unsent countdown runs)')
    .action(lazy(fiscalEmulator, 'run'));

  program
    .command('demo')
    .description('a working POS in one command: embedded server, demo shop, POS-01 and the register UI')
    .option('--data-dir <dir>', 'where the demo keeps its data (default ~/.local/share/posapp/demo)')
    .option('--port <port>', 'port of the embedded server', '8080')
    .option('--no-ui', 'start the server and the shop only (for scripts), stop with Ctrl+C')
    .action(lazy(demo, 'demo'));
  const productGroup = program.command('products').description('owner: the price list');
  const productOptions = (command: Command, required: boolean) => {
    const option = (flags: string, description: string) =>
      required ? command.requiredOption(flags, description) : command.option(flags, description);
    option('--sku <sku>', 'your article code (unique in the shop)');
    option('--name <name>', 'name printed on the receipt');
    option('--price <som>', 'price in so‘m, e.g. 12500 or 12500.50');
    return command
      .option('--barcode <code>', 'EAN-13/EAN-8/UPC-A or in-store code; repeat for several', collect)
      .addOption(new Option('--unit <unit>', 'unit of sale (default pcs)').choices(['pcs', 'kg', 'l']))
      .option('--vat <percent>', "VAT rate in percent (default: the shop's rate)")
      .option('--mxik <code>', 'MXIK classification code, 17 digits');
  };
  productOptions(productGroup.command('add').description('add a product'), true).action(
    lazy(products, 'addProduct'),
  );
  productOptions(
    productGroup
      .command('edit')
      .description('change a product (given --barcode options replace its barcodes)')
      .argument('<product>', 'SKU or product id'),
    false,
  )
    .option('--inactive', 'stop selling it (registers hide it)')
    .option('--active', 'sell it again')
    .action(lazy(products, 'editProduct'));
  productGroup
    .command('list')
    .description('list products: SKU, name, barcodes, price, unit, VAT, active')
    .option('--search <text>', 'part of the name, SKU or barcode')
    .option('--limit <n>', 'products per page (default 50, at most 500)')
    .option('--all-pages', 'fetch every page')
    .action(lazy(products, 'listProducts'));
  productGroup
    .command('import')
    .description(
      'import a CSV price list (sku,name,barcode,price,unit,vatRate,mxik); exit 1 if a line was rejected',
    )
    .argument('<file>', 'CSV file, header on line 1')
    .action(lazy(products, 'importProducts'));

  const stockGroup = program.command('stock').description('owner: goods received, counts and levels');
  stockGroup
    .command('receive')
    .description('record goods received: `<sku> <qty>` or several `<sku>:<qty>`')
    .argument('<items...>', 'e.g. `NON-1 12` or `NON-1:12 SUG-1:1.250`')
    .option('--note <text>', 'e.g. supplier and invoice number')
    .action(lazy(stock, 'receiveStock'));
  stockGroup
    .command('adjust')
    .description('set the level to what was counted on the shelf')
    .argument('<sku>', 'product SKU')
    .requiredOption('--counted <qty>', 'quantity counted, e.g. 7 or 1.250')
    .requiredOption('--reason <text>', 'why it differs, e.g. "stocktake"')
    .action(lazy(stock, 'adjustStock'));
  stockGroup
    .command('levels')
    .description('stock levels; negative and low ones are marked')
    .option('--low-below <qty>', 'mark levels below this as low (default 5)')
    .addOption(
      new Option('--only <which>', 'list only the negative or the low ones').choices(['negative', 'low']),
    )
    .option('--csv', 'CSV on stdout')
    .action(lazy(stock, 'stockLevels'));

  const settingsGroup = program
    .command('settings')
    .description('owner: store settings sent to the registers (rounding, discounts, scale labels)');
  settingsGroup
    .command('show', { isDefault: true })
    .description('show the settings')
    .action(lazy(settings, 'showSettings'));
  settingsGroup
    .command('set')
    .description('change settings; registers take them at their next sync')
    .option('--cash-rounding <som>', 'round cash totals to 50 or 100 so‘m (0: off)')
    .option('--max-discount <percent>', 'largest discount a cashier may give, e.g. 10')
    .option('--vat <percent>', 'default VAT rate for new products, e.g. 12 (0 for a non-VAT shop)')
    .option('--receipt-header <text>', 'line printed at the top of receipts')
    .option('--no-receipt-header', 'no header line')
    .option('--scale-prefixes <list>', 'scale label prefixes, e.g. 20,21,22')
    .option('--scale-item-digits <n>', 'digits of the item code after the prefix (4–6)')
    .addOption(new Option('--scale-value <kind>', 'what the label carries').choices(['weight', 'price']))
    .option('--no-scale', 'registers read no scale labels')
    .option(
      '--approve <acts>',
      'acts that need a supervisor’s PIN: refund,void-after-payment,discount-above-limit,cash-out (or none)',
    )
    .option('--approve-cancel-above <som>', 'cancelling a sale above this total needs a supervisor')
    .option('--no-approve-cancel-above', 'cancelling never needs a supervisor')
    .option('--legal-name <name>', 'seller on fiscal receipts, e.g. "Baraka savdo MChJ"')
    .option('--no-legal-name', 'no legal name')
    .option('--stir <digits>', 'STIR (tax id, 9 digits) on fiscal receipts')
    .option('--no-stir', 'no STIR')
    .option('--address <text>', 'shop address on fiscal receipts')
    .option('--no-address', 'no address')
    .option('--fiscal-data-required', 'registers refuse at the scan a product without MXIK or package code')
    .option('--no-fiscal-data-required', 'products without MXIK or package code may be sold')
    .option(
      '--register-keep-days <days>',
      'days of sales each register keeps for refunds and reprints (7–3650)',
    )
    .action(lazy(settings, 'setSettings'));
  settingsGroup
    .command('quick-keys')
    .description('the registers’ quick-key grid (up to 20 products by SKU, in order); no SKUs: show it')
    .argument('[skus...]', 'e.g. NON-1 PAKET-1')
    .option('--clear', 'no quick keys')
    .action(lazy(settings, 'setQuickKeys'));

  const userGroup = program
    .command('users')
    .description('owner: cashiers and supervisors (PIN) and admins (email)');
  userGroup
    .command('add')
    .description('add a cashier or supervisor (--pin) or an admin (--email and --password)')
    .addOption(
      new Option('--role <role>', 'cashier, supervisor (approves at the register) or admin')
        .choices(['cashier', 'supervisor', 'admin'])
        .makeOptionMandatory(),
    )
    .requiredOption('--name <name>', 'name shown on receipts and reports')
    .option('--pin <pin>', 'cashier or supervisor: 4–8 digits, unique in the shop')
    .option('--email <email>', 'admin: login email')
    .option('--password <password>', 'admin: password (8+ characters)')
    .action(lazy(users, 'addUser'));
  userGroup.command('list').description('list users').action(lazy(users, 'listUsers'));
  userGroup
    .command('disable')
    .description('disable a user (a cashier can no longer log in at a register)')
    .argument('<user>', 'user id or name')
    .action(lazy(users, 'disableUser'));
  userGroup
    .command('enable')
    .description('take a disabled user back (refused if someone active has their PIN now)')
    .argument('<user>', 'user id or name')
    .action(lazy(users, 'enableUser'));
  userGroup
    .command('pin')
    .description("set a cashier's or supervisor's PIN (unique in the shop)")
    .argument('<user>', 'user id or name')
    .requiredOption('--pin <pin>', '4–8 digits')
    .action(lazy(users, 'setUserPin'));

  const reportGroup = program
    .command('reports')
    .description('owner: reports (store days, Asia/Tashkent; default today)');
  const period = (command: Command) =>
    command
      .option('--from <date>', 'first day, YYYY-MM-DD')
      .option('--to <date>', 'last day, YYYY-MM-DD')
      .option('--csv', 'CSV on stdout (money in so‘m with 2 decimals)');
  period(
    reportGroup.command('sales').description('sales, refunds, net and VAT with a totals row and payments'),
  )
    .addOption(
      new Option('--by <group>', 'one row per (default day)').choices([
        'day',
        'register',
        'cashier',
        'product',
      ]),
    )
    .action(lazy(reports, 'salesReport'));
  period(reportGroup.command('shifts').description('shifts with expected and counted cash')).action(
    lazy(reports, 'shiftsReport'),
  );
  period(
    reportGroup
      .command('audit')
      .description(
        'voids, cancels, discounts, drawer opens, wrong PINs… recorded at the registers, newest first',
      ),
  )
    .option('--register <register>', 'only this register (name or id)')
    .option('--cashier <cashier>', 'only this cashier (name or id)')
    .addOption(new Option('--kind <kind>', 'only this kind of act').choices(auditKinds))
    .action(lazy(reports, 'auditReport'));
  period(
    reportGroup.command('receipts').description('each sale and refund with its fiscal sign and check URL'),
  )
    .option('--number <receiptNo>', 'one receipt or refund, whatever its date (e.g. POS-01-000123)')
    .action(lazy(reports, 'receiptsReport'));
  period(reportGroup.command('best-sellers').description('products by net sales'))
    .option('--limit <n>', 'how many (default 20)')
    .action(lazy(reports, 'bestSellersReport'));
  reportGroup
    .command('stock')
    .description('stock levels; negative and low ones are marked')
    .option('--low-below <qty>', 'mark levels below this as low (default 5)')
    .addOption(
      new Option('--only <which>', 'list only the negative or the low ones').choices(['negative', 'low']),
    )
    .option('--csv', 'CSV on stdout')
    .action(lazy(stock, 'stockLevels'));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  await runProgram(posappProgram(), argv);
}
