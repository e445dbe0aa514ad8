import { Option } from 'commander';
import { languages } from '../common/i18n/index.js';
import { lazy, newProgram, runProgram } from './program.js';

const server = () => import('./commands/server.js');
const superadmin = () => import('./commands/superadmin.js');
const auth = () => import('./commands/auth.js');
const tenants = () => import('./commands/tenants.js');
const devices = () => import('./commands/devices.js');
const demo = () => import('./commands/demo.js');

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
    .description('list tenants with registers used/allowed')
    .action(lazy(tenants, 'listTenants'));
  tenantGroup
    .command('max-devices')
    .description('set how many registers a tenant may use')
    .argument('<tenantId>', 'tenant id (see tenants list)')
    .argument('<n>', 'registers allowed')
    .action(lazy(tenants, 'setMaxDevices'));

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
    .command('demo')
    .description('a working POS in one command: embedded server, demo shop, POS-01 and the register UI')
    .option('--data-dir <dir>', 'where the demo keeps its data (default ~/.local/share/posapp/demo)')
    .option('--port <port>', 'port of the embedded server', '8080')
    .option('--no-ui', 'start the server and the shop only (for scripts), stop with Ctrl+C')
    .action(lazy(demo, 'demo'));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  await runProgram(posappProgram(), argv);
}
