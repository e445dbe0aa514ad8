import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../common/errors.js';
import {
  MAX_PUSH_EVENTS,
  pushResponse,
  unsentFileHeader,
  type UnsentFileHeader,
} from '../../common/protocol/sync.js';
import { loggedInClient } from '../api-client.js';
import { text } from '../messages.js';
import { printJson, printLine } from '../output.js';
import { globalsOf } from '../program.js';

interface UnsentFile {
  header: UnsentFileHeader;
  events: unknown[];
}

/** Reads an exported file and checks its signature before anything is sent; a damaged file is refused whole. */
export function readUnsentFile(file: string): UnsentFile {
  const invalid = (reason: string) => new AppError('UNSENT_FILE_INVALID', { params: { file, reason } });
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    throw invalid((error as NodeJS.ErrnoException).code ?? 'unreadable');
  }
  const [first = '', ...rest] = content.split('\n');
  const lines = rest.filter((line) => line.length > 0);
  let header: UnsentFileHeader;
  try {
    header = unsentFileHeader.parse(JSON.parse(first));
  } catch {
    throw invalid('no POSAPP header');
  }
  if (lines.length !== header.count) throw invalid(`${lines.length} events, the header says ${header.count}`);
  const expected = Buffer.from(
    createHmac('sha256', header.deviceToken).update(lines.join('\n')).digest('hex'),
  );
  if (!timingSafeEqual(expected, Buffer.from(header.signature))) throw invalid('signature does not match');
  return { header, events: lines.map((line) => JSON.parse(line) as unknown) };
}

/**
 * `posapp sync import <file>`: an owner delivers what a register exported, in push-sized batches, through the
 * same checks as the register's own push. Importing the same file again adds nothing (every event is a duplicate).
 */
export async function importUnsent(file: string, _options: unknown, command: Command): Promise<void> {
  const globals = globalsOf(command);
  const { header, events } = readUnsentFile(file);
  const { api } = loggedInClient(globals);
  const totals = { applied: 0, duplicate: 0, rejected: 0 };
  const rejected: Array<{ id: string; error?: string }> = [];
  for (let at = 0; at < events.length; at += MAX_PUSH_EVENTS) {
    const answer = await api.request('POST', '/sync/import', {
      body: { deviceToken: header.deviceToken, events: events.slice(at, at + MAX_PUSH_EVENTS) },
      response: pushResponse,
    });
    for (const result of answer.results) {
      totals[result.status]++;
      if (result.status === 'rejected') rejected.push({ id: result.id, error: result.error });
    }
  }
  if (globals.json) return printJson({ device: header.deviceName, ...totals, rejectedEvents: rejected });
  printLine(text(globals.lang, 'unsentImported', { device: header.deviceName, ...totals }));
  for (const r of rejected) printLine(`  ${r.id}: ${r.error ?? ''}`);
}
