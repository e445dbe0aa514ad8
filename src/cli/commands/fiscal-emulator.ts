import type { Command } from 'commander';
import { z } from 'zod';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';

const emulatorFlags = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  factoryId: z.string().min(1).max(64).optional(),
  terminalId: z
    .string()
    .regex(/^[A-Z]{2}\d{12}$/)
    .optional(),
  blockAfter: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7),
  latency: z.coerce.number().int().min(0).max(60_000),
  offline: z.boolean().optional(),
});

/**
 * `posapp fiscal-emulator`: a FiscalDriveService stand-in with the FM's rules, for trying a register
 * without a fiscal module (a `ZZ` test FM). Runs until Ctrl+C.
 */
export async function run(_options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const flags = parseOptions(emulatorFlags, command.opts());
  const { FiscalEmulator } = await import('../../terminal/fiscal/emulator.js');
  const emulator = new FiscalEmulator({
    factoryId: flags.factoryId,
    terminalId: flags.terminalId,
    blockAfterHours: flags.blockAfter,
    latencyMs: flags.latency,
    online: flags.offline !== true,
  });
  const url = await emulator.listen(flags.port, flags.host);
  const info = { url, factoryId: emulator.factoryId, terminalId: emulator.terminalId };
  if (globals.json) printJson(info);
  else printLine(text(globals.lang, 'emulatorListening', info));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await emulator.close();
}
