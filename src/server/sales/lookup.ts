import { AppError } from '../../common/errors.js';
import type { LookedUpSale, SaleLookupQuery } from '../../common/protocol/sales.js';
import type { Unit } from '../../common/protocol/catalog.js';
import { saleReceiptNo } from '../../common/receipt-number.js';
import type { AppDeps, DeviceActor } from '../context.js';
import {
  fiscalReceiptsOf,
  findStoreSales,
  refundsOfSale,
  saleLinesAndPayments,
  storeDevices,
} from './queries.js';

const num = (value: number | string) => Number(value);

/**
 * The receipt numbers a typed receipt may mean: the number itself, or for bare digits (what a cashier reads off
 * the end of a receipt) that sequence on each register of the store.
 */
function candidates(receipt: string, registers: readonly string[]): string[] {
  const typed = receipt.trim();
  if (!/^\d{1,9}$/.test(typed)) return [...new Set([typed, typed.toUpperCase()])];
  const seq = Number(typed);
  if (seq < 1) return [];
  return [...new Set(registers.map((name) => saleReceiptNo(name, seq)))];
}

/** A line's stored marking codes; none when the register sent none. */
function markingCodesOf(stored: string | null): string[] {
  if (!stored) return [];
  const codes: unknown = JSON.parse(stored);
  return Array.isArray(codes) ? codes.filter((c): c is string => typeof c === 'string') : [];
}

/** The register of the store whose last status report names this fiscal module (FMs move between PCs). */
function holderOf(
  terminalId: string,
  registers: ReadonlyArray<{ name: string; status_report: string | null }>,
): string | null {
  for (const register of registers) {
    if (!register.status_report) continue;
    try {
      const report = JSON.parse(register.status_report) as { fiscal?: { terminalId?: unknown } };
      if (report.fiscal?.terminalId === terminalId) return register.name;
    } catch {
      // A report that does not parse names no FM.
    }
  }
  return null;
}

/**
 * One sale of the register's own store (never another store's, even of the same tenant): its stored lines,
 * payments, what every register has refunded of it so far, the register that made it and its fiscal result.
 */
export async function lookupSale(
  deps: AppDeps,
  device: DeviceActor,
  query: SaleLookupQuery,
): Promise<{ sale: LookedUpSale }> {
  const knex = deps.db.knex;
  const registers = await storeDevices(knex, device.tenantId, device.storeId);
  const numbers = candidates(
    query.receipt,
    registers.map((r) => r.name),
  );
  const found = await findStoreSales(knex, device.tenantId, device.storeId, numbers);
  // The message does not repeat the number: the cashier has just typed it.
  if (found.length === 0) throw new AppError('RECEIPT_NOT_FOUND');
  if (found.length > 1)
    throw new AppError('RECEIPT_AMBIGUOUS', {
      params: { receipt: query.receipt, receiptNos: found.map((s) => s.receipt_no).join(', ') },
    });
  const sale = found[0]!;
  const [{ lines, payments }, refunds, fiscal] = await Promise.all([
    saleLinesAndPayments(knex, device.tenantId, sale.id),
    refundsOfSale(knex, device.tenantId, sale.id),
    fiscalReceiptsOf(knex, device.tenantId, [sale.id]),
  ]);

  // A product refunded in several refunds (or sold on several lines) is taken from its lines in order.
  const refundedByProduct = new Map<string, number>();
  for (const r of refunds)
    for (const l of r.lines)
      refundedByProduct.set(l.product_id, (refundedByProduct.get(l.product_id) ?? 0) + num(l.qty));
  const result = fiscal.get(sale.id);
  return {
    sale: {
      id: sale.id,
      receiptNo: sale.receipt_no,
      occurredAt: new Date(num(sale.occurred_at)).toISOString(),
      register: { id: sale.device_id, name: sale.device_name },
      shiftId: sale.shift_id,
      cashierId: sale.cashier_id,
      lines: lines.map((l) => {
        const left = refundedByProduct.get(l.product_id) ?? 0;
        const refunded = Math.min(num(l.qty), left);
        refundedByProduct.set(l.product_id, left - refunded);
        return {
          productId: l.product_id,
          name: l.name,
          qty: num(l.qty),
          unitPrice: num(l.unit_price),
          gross: num(l.gross),
          discount: num(l.discount),
          total: num(l.total),
          vatRate: num(l.vat_rate),
          vat: num(l.vat),
          unit: (l.unit as Unit | null) ?? null,
          packageCode: l.package_code,
          mxik: l.mxik,
          markingCodes: markingCodesOf(l.marking_codes),
          refunded,
        };
      }),
      discount: num(sale.discount),
      total: num(sale.total),
      change: num(sale.change_due),
      payments: payments.map((p) => ({
        method: p.method as 'cash' | 'card' | 'qr',
        amount: num(p.amount),
        cardType: p.card_type,
        reference: p.reference,
      })),
      refunds: refunds.map(({ refund, lines: refundLines, payments: refundPayments }) => ({
        id: refund.id,
        refundNo: refund.refund_no,
        register: refund.device_name,
        occurredAt: new Date(num(refund.occurred_at)).toISOString(),
        total: num(refund.total),
        lines: refundLines.map((l) => ({ productId: l.product_id, qty: num(l.qty), total: num(l.total) })),
        payments: refundPayments.map((p) => ({
          method: p.method as 'cash' | 'card' | 'qr',
          amount: num(p.amount),
        })),
      })),
      fiscal: result
        ? {
            terminalId: result.terminal_id,
            receiptSeq: num(result.receipt_seq),
            dateTime: result.date_time,
            fiscalSign: result.fiscal_sign,
            qrUrl: result.qr_url,
            heldBy: holderOf(result.terminal_id, registers),
          }
        : null,
    },
  };
}
