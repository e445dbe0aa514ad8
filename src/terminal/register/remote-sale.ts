import { AppError } from '../../common/errors.js';
import { requestJson } from '../../common/http.js';
import { saleLookupResponse, type LookedUpSale } from '../../common/protocol/sales.js';
import { REGISTER_KEEP_DAYS } from '../../common/protocol/settings.js';
import { saleCompletedData, saleRefundedData } from '../../common/protocol/sync.js';
import { currentTerminalId } from '../fiscal/service.js';
import type { RegisterContext } from './context.js';
import { settingsOf } from './context.js';
import { assertSameFm, localOriginal, movedOffReceipt, type RefundOriginal } from './refunds.js';

/** A cashier waits for this at the counter: an answer within a few seconds, or the offline message. */
const LOOKUP_TIMEOUT_MS = 8_000;

function originalOf(sale: LookedUpSale, ownDeviceId: string): RefundOriginal {
  const data = saleCompletedData.parse({
    receiptNo: sale.receiptNo,
    shiftId: sale.shiftId,
    cashierId: sale.cashierId,
    lines: sale.lines.map((l) => ({
      productId: l.productId,
      name: l.name,
      qty: l.qty,
      unitPrice: l.unitPrice,
      gross: l.gross,
      discount: l.discount,
      total: l.total,
      vatRate: l.vatRate,
      vat: l.vat,
      ...(l.unit !== null && { unit: l.unit }),
      ...(l.packageCode !== null && { packageCode: l.packageCode }),
      ...(l.mxik !== null && { mxik: l.mxik }),
      ...(l.markingCodes.length > 0 && { markingCodes: l.markingCodes }),
    })),
    discount: sale.discount,
    total: sale.total,
    payments: sale.payments.map((p) => ({
      method: p.method,
      amount: p.amount,
      ...(p.cardType !== null && { cardType: p.cardType }),
      ...(p.reference !== null && { reference: p.reference }),
    })),
    change: sale.change,
  });
  return {
    sale: { id: sale.id, receiptNo: sale.receiptNo, occurredAt: sale.occurredAt, data },
    register: sale.register.id === ownDeviceId ? null : sale.register.name,
    fiscal: sale.fiscal && {
      terminalId: sale.fiscal.terminalId,
      receiptSeq: sale.fiscal.receiptSeq,
      dateTime: sale.fiscal.dateTime,
      fiscalSign: sale.fiscal.fiscalSign,
      qrUrl: sale.fiscal.qrUrl,
    },
    fmHeldBy: sale.fiscal?.heldBy ?? null,
    serverRefunds: sale.refunds.map((r) => ({
      id: r.id,
      data: saleRefundedData.parse({
        refundNo: r.refundNo,
        saleId: sale.id,
        lines: r.lines,
        payments: r.payments,
        total: r.total,
      }),
    })),
  };
}

/**
 * The sale a refund takes back: this register's own from `pos.sqlite` (offline too), else the store's sale
 * looked up on the server, with every register's refunds of it and its fiscal result. A fiscal sale is checked
 * against the FM plugged in now (asked at once: FMs move between PCs), so a refund its FM could not sign is
 * refused before any money leaves.
 */
export async function lookUpOriginal(
  ctx: RegisterContext,
  receiptNo: string,
  options: { timeoutMs?: number } = {},
): Promise<RefundOriginal> {
  const local = localOriginal(ctx, receiptNo);
  if (local) return local;
  // One of this register's own sales, older than the store keeps here: asked for by its full number.
  const movedOff = movedOffReceipt(ctx, receiptNo);
  const typed = movedOff ?? receiptNo.trim().toUpperCase();
  let sale: LookedUpSale;
  try {
    const answer = await requestJson({
      baseUrl: ctx.identity.serverUrl,
      method: 'GET',
      path: '/sales/lookup',
      query: { receipt: typed },
      token: ctx.identity.deviceToken,
      lang: ctx.lang,
      response: saleLookupResponse,
      timeoutMs: options.timeoutMs ?? LOOKUP_TIMEOUT_MS,
    });
    sale = answer.sale;
  } catch (error) {
    if (error instanceof AppError && error.code === 'SERVER_UNREACHABLE' && movedOff)
      throw new AppError('SALE_NOT_KEPT_OFFLINE', {
        params: { receiptNo: movedOff, days: settingsOf(ctx).registerKeepDays ?? REGISTER_KEEP_DAYS.default },
        cause: error,
      });
    if (error instanceof AppError && error.code === 'SERVER_UNREACHABLE')
      throw new AppError('SALE_ON_OTHER_REGISTER_OFFLINE', { params: { receiptNo: typed }, cause: error });
    throw error;
  }
  const original = originalOf(sale, ctx.identity.deviceId);
  if (original.fiscal) await currentTerminalId(ctx);
  assertSameFm(ctx, original);
  return original;
}
