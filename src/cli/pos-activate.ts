import { Option } from 'commander';
import { languages } from '../common/i18n/index.js';
import { lazy, newProgram, runProgram } from './program.js';

const activate = () => import('./commands/pos-activate.js');

/** Run once on a register PC with the key the owner got from `posapp devices add`. */
export function posActivateProgram() {
  return newProgram('pos-activate', 'activate this PC as a register of your shop')
    .argument('<deviceKey>', 'the one-time register key')
    .requiredOption('--server <url>', 'server URL')
    .option('--data-dir <dir>', 'register data directory (default $POS_DATA_DIR or ~/.local/share/posapp)')
    .option('--json', 'machine-readable output')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(languages).default('uz'))
    .option('--debug', 'show details of unexpected errors')
    .action(lazy(activate, 'activate'));
}

export async function main(argv: string[]): Promise<void> {
  await runProgram(posActivateProgram(), argv);
}
