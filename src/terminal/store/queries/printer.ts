import type { StoreDb } from '../connection.js';
import { stmt } from './statements.js';

export interface PrinterConfigRow {
  target: string;
  width: 32 | 48;
  code_page: string;
  drawer_pin: 2 | 5 | null;
}

export function findPrinterConfig(db: StoreDb): PrinterConfigRow | null {
  const row = stmt(
    db,
    'SELECT target, width, code_page, drawer_pin FROM printer_config WHERE id = 1',
  ).get() as PrinterConfigRow | undefined;
  return row ?? null;
}

export function upsertPrinterConfig(db: StoreDb, row: PrinterConfigRow): void {
  stmt(
    db,
    `INSERT INTO printer_config (id, target, width, code_page, drawer_pin) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET target = excluded.target, width = excluded.width,
       code_page = excluded.code_page, drawer_pin = excluded.drawer_pin`,
  ).run(row.target, row.width, row.code_page, row.drawer_pin);
}
