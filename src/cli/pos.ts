import { Option } from 'commander';
import { languages } from '../common/i18n/index.js';
import { lazy, newProgram, runProgram } from './program.js';

const status = () => import('./commands/pos-status.js');
const ui = () => import('./commands/pos-ui.js');

/** The register's headless commands; each group's code is in commands/pos-<group>.ts, loaded when it runs. */
export function posProgram() {
  const program = newProgram('pos', 'POSAPP register (kassa)')
    .option('--data-dir <dir>', 'register data directory (default $POS_DATA_DIR or ~/.local/share/posapp)')
    .option('--json', 'machine-readable output')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(languages).default('uz'))
    .option('--debug', 'show details of unexpected errors');

  program
    .command('status')
    .description('which register this is, its server, and events waiting to be sent')
    .action(lazy(status, 'status'));

  // The cashier's screen: `pos` alone or `pos ui`; Ink and React are loaded only here.
  program.action(lazy(ui, 'ui'));
  program.command('ui').description('the cashier screen (the default)').action(lazy(ui, 'ui'));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  await runProgram(posProgram(), argv);
}
