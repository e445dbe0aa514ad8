import { hostname } from 'node:os';
import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { globalsOf, parseOptions } from '../program.js';

const deviceKeySchema = z.string().trim().min(1).max(200);

/** `pos-activate <deviceKey> --server <url>`: makes this PC's data dir a register of the key's tenant. */
export async function activate(deviceKey: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const key = parseOptions(deviceKeySchema, deviceKey, '<deviceKey>');
  if (!globals.server) {
    throw new AppError('VALIDATION_FAILED', { params: { field: '--server', reason: 'required' } });
  }
  const { loadTerminalConfig } = await import('../../terminal/config.js');
  const { activateRegister } = await import('../../terminal/activation.js');
  const { dataDir } = loadTerminalConfig({ dataDir: globals.dataDir });
  const { identity, replaced } = await activateRegister({
    dataDir,
    serverUrl: globals.server,
    deviceKey: key,
    hostname: hostname(),
    lang: globals.lang,
  });
  if (globals.json) {
    const { deviceToken: _secret, ...shown } = identity;
    return printJson({ dataDir, identity: shown, replaced: replaced?.deviceId ?? null });
  }
  printLine(
    text(globals.lang, 'activated', {
      tenant: identity.tenantName,
      store: identity.storeName,
      device: identity.deviceName,
    }),
  );
  if (replaced) {
    printLine(
      text(globals.lang, 'activationReplaced', { device: replaced.deviceName, tenant: replaced.tenantName }),
    );
  }
}
