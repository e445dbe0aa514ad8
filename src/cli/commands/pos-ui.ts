import type { Command } from 'commander';
import { globalsOf } from '../program.js';

/** `pos` / `pos ui`: the interactive register. Ink and React are loaded here only, never by `pos --help`. */
export async function ui(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { loadTerminalConfig } = await import('../../terminal/config.js');
  const { dataDir, demo } = loadTerminalConfig({ dataDir: globals.dataDir });
  const { runRegisterUi } = await import('../../terminal/ui/index.js');
  await runRegisterUi({ dataDir, lang: globals.lang, demo });
}
