import { z } from 'zod';
import { AppError, type ErrorCode } from '../../common/errors.js';
import type { FiscalAdapter, FiscalResult, FiscalStatus, FiscalXReport } from './adapter.js';
import {
  errorReply,
  fdsPath,
  fdsRoutes,
  infoReply,
  POS_AUTH_HEADER,
  registerReply,
  registerTxidBody,
  txidReply,
  zInfoReply,
  type FdsRoute,
} from './fds-routes.js';
import type { JsonReceipt } from './json-receipt.js';

export interface FdsConfig {
  url: string;
  factoryId: string;
  posAuth?: string | null;
  /** How long one call may take before the register stops waiting (the FM signs in well under a second). */
  timeoutMs?: number;
}

/** ZReport/Open and ZReport/Close answer `OK` (a bare string or JSON); anything 2xx is success. */
const okReply = z.unknown();

/** The service's refusals the cashier must act on differently; anything else is FISCAL_REFUSED with its name. */
const refusals: Record<string, ErrorCode> = {
  SEND_ALL_RECEIPTS_FIRST: 'FISCAL_UNSENT_LIMIT',
  LOCKED: 'FISCAL_LOCKED',
  MEMORY_FULL: 'FISCAL_MEMORY_FULL',
  ZREPORT_IS_NOT_OPEN: 'FISCAL_SHIFT_NOT_OPEN',
  NOT_ENOUGH_SUM_FOR_REFUND: 'FISCAL_REFUND_OVER_SALES',
};

/** The reference adapter: FiscalDriveService v10 on loopback (`http://127.0.0.1:3449`). */
export function fdsAdapter(config: FdsConfig): FiscalAdapter {
  const timeoutMs = config.timeoutMs ?? 15_000;
  // One call in flight per FM: the service and the FM handle requests one at a time.
  let queue: Promise<unknown> = Promise.resolve();

  async function call<T extends z.ZodType>(route: FdsRoute, schema: T, body?: unknown): Promise<z.infer<T>> {
    const run = async () => {
      const url = new URL(fdsPath(route, config.factoryId), config.url);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (config.posAuth) headers[POS_AUTH_HEADER] = config.posAuth;
      let response: Response;
      try {
        response = await fetch(url, {
          method: fdsRoutes[route].method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (cause) {
        const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
        throw new AppError(timedOut ? 'FISCAL_NO_ANSWER' : 'FISCAL_UNREACHABLE', {
          params: { url: config.url },
          cause,
        });
      }
      const text = await response.text().catch((cause: unknown) => {
        throw new AppError('FISCAL_NO_ANSWER', { params: { url: config.url }, cause });
      });
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (!response.ok) {
        const refusal = errorReply.safeParse(json);
        const reason = refusal.success ? refusal.data.ErrorCode : `HTTP ${response.status}`;
        throw new AppError(refusals[reason] ?? 'FISCAL_REFUSED', { params: { reason } });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        throw new AppError('FISCAL_REFUSED', {
          params: { reason: `unexpected answer to ${fdsRoutes[route].op}` },
        });
      return parsed.data;
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  }

  const register = async (key: string, receipt: JsonReceipt): Promise<FiscalResult> =>
    call('registerTxid', registerReply, registerTxidBody(key, receipt));

  return {
    async status(): Promise<FiscalStatus> {
      const info = await call('info', infoReply);
      return {
        terminalId: info.TerminalID,
        locked: info.Locked || info.POSLocked === true,
        zOpen: info.MemoryInfo.ZReportOpen,
        unsent: info.MemoryInfo.UnsentReceiptsCount,
        oldestUnsentAt: info.MemoryInfo.FirstUnsentReceiptTime,
        memoryLeft: info.MemoryInfo.FreeRecordCount,
      };
    },
    async openShift() {
      await call('zOpen', okReply, {});
    },
    async closeShift() {
      await call('zClose', okReply, {});
    },
    async xReport(): Promise<FiscalXReport> {
      const z = await call('zInfo', zInfoReply);
      return {
        receipts: z.ReceiptsCount,
        sales: z.TotalSaleCash + z.TotalSaleCard,
        refunds: z.TotalRefundCash + z.TotalRefundCard,
        vat: z.TotalSaleVAT - z.TotalRefundVAT,
      };
    },
    async begin(receipt) {
      return (await call('getTxid', txidReply, receipt)).TXID;
    },
    register,
    // RegisterTXID with a TXID already registered answers the first result and makes no second receipt.
    recover: register,
  };
}
