import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { globalsOf } from '../program.js';

type UiModule = typeof import('../../terminal/ui/index.js');

/**
 * The built UI is one bundled file (scripts/bundle-ui.mjs) because loading Ink module by module is the slowest
 * part of a cold start; from sources (tsx) the modules are imported as they are.
 */
async function loadUi(): Promise<UiModule> {
  const bundle = new URL('../../terminal/ui/ui.bundle.js', import.meta.url);
  if (existsSync(fileURLToPath(bundle))) return (await import(bundle.href)) as UiModule;
  return import('../../terminal/ui/index.js');
}

/** `pos` / `pos ui`: the interactive register. Ink and React are loaded here only, never by `pos --help`. */
export async function ui(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { loadTerminalConfig } = await import('../../terminal/config.js');
  const { dataDir } = loadTerminalConfig({ dataDir: globals.dataDir });
  const { runRegisterUi } = await loadUi();
  await runRegisterUi({ dataDir, lang: globals.lang });
}
