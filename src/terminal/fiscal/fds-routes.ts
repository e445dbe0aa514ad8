import { z } from 'zod';

/**
 * The FiscalDriveService v10 surface as this register calls it: every route, HTTP verb and body shape is here,
 * so a difference found on a real install's swagger page (`/swagger/index.html`) is a one-line fix.
 * `{op}` goes into `/FiscalDrive/{op}/{FactoryID}`.
 */
export const fdsRoutes = {
  info: { method: 'GET', op: 'Info' },
  memory: { method: 'GET', op: 'FiscalMemory/Info' },
  zOpen: { method: 'POST', op: 'ZReport/Open' },
  zClose: { method: 'POST', op: 'ZReport/Close' },
  zInfo: { method: 'GET', op: 'ZReport/Info' },
  getTxid: { method: 'POST', op: 'Receipt/GetTXID' },
  registerTxid: { method: 'POST', op: 'Receipt/RegisterTXID' },
  sync: { method: 'POST', op: 'State/Sync' },
} as const;
export type FdsRoute = keyof typeof fdsRoutes;

export function fdsPath(route: FdsRoute, factoryId: string): string {
  return `/FiscalDrive/${fdsRoutes[route].op}/${encodeURIComponent(factoryId)}`;
}

/** The header that unlocks an FM bound to one POS. */
export const POS_AUTH_HEADER = 'X-POS-Auth';

/** Body of Receipt/GetTXID: the JsonReceipt itself. Body of Receipt/RegisterTXID: */
export function registerTxidBody(txid: string, receipt: unknown): unknown {
  return { TXID: txid, Receipt: receipt };
}

export const infoReply = z.object({
  AppletVersion: z.string().optional(),
  TerminalID: z.string(),
  Locked: z.boolean(),
  POSLocked: z.boolean().optional(),
  MemoryInfo: z.object({
    FreeRecordCount: z.number().int(),
    // (inferred) the names the service gives the unsent counters; read here only.
    UnsentReceiptsCount: z.number().int(),
    FirstUnsentReceiptTime: z.string().nullable(),
    ZReportOpen: z.boolean(),
  }),
});
export const txidReply = z.object({ TXID: z.string().min(1) });
export const registerReply = z.object({
  TerminalID: z.string(),
  ReceiptSeq: z.number().int(),
  DateTime: z.string(),
  FiscalSign: z.string(),
  QRCodeURL: z.string(),
});
export const zInfoReply = z.object({
  ReceiptsCount: z.number().int(),
  TotalSaleCash: z.number().int(),
  TotalSaleCard: z.number().int(),
  TotalRefundCash: z.number().int(),
  TotalRefundCard: z.number().int(),
  TotalSaleVAT: z.number().int(),
  TotalRefundVAT: z.number().int(),
});
/** A refusal (inferred shape): HTTP 4xx/5xx with the service's error name. */
export const errorReply = z.object({ ErrorCode: z.string(), Message: z.string().optional() });
