import type { FiscalResultInfo, JsonReceipt } from './json-receipt.js';

/** What the FM reports about itself; `oldestUnsentAt` ISO-8601 UTC, null when everything reached the tax server. */
export interface FiscalStatus {
  terminalId: string;
  locked: boolean;
  zOpen: boolean;
  unsent: number;
  oldestUnsentAt: string | null;
  /** Receipts the FM can still store. */
  memoryLeft: number;
}

export interface FiscalResult extends FiscalResultInfo {
  QRCodeURL: string;
}

/** Counters of the open FM shift (X-report). */
export interface FiscalXReport {
  receipts: number;
  sales: number;
  refunds: number;
  vat: number;
}

/**
 * One fiscal-module route (FiscalDriveService now; E-POS, Multikassa, FiscalBox later) behind one interface.
 * A fiscalisation is two steps so the register can keep the key of an attempt before the step that makes the
 * receipt: `begin` answers a key, `register` with the same key never makes a second receipt, so `recover`
 * after a lost answer is `register` again.
 */
export interface FiscalAdapter {
  status(): Promise<FiscalStatus>;
  openShift(): Promise<void>;
  closeShift(): Promise<void>;
  xReport(): Promise<FiscalXReport>;
  begin(receipt: JsonReceipt): Promise<string>;
  register(key: string, receipt: JsonReceipt): Promise<FiscalResult>;
  recover(key: string, receipt: JsonReceipt): Promise<FiscalResult>;
}
