import { storeDayNumber } from '../../common/time.js';
import type { DailyPaymentRow, DailyProductRow, DailyRows, DailySalesRow, EffectRows } from './queries.js';

function cells<T>(make: () => T) {
  const map = new Map<string, T>();
  return {
    at(key: string): T {
      let cell = map.get(key);
      if (!cell) {
        cell = make();
        map.set(key, cell);
      }
      return cell;
    },
    // Sorted by key: concurrent pushes then lock the same rows in the same order.
    sorted: (): T[] => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v),
  };
}

/**
 * The daily sums of a push's stored rows, from the very values the detail reports add up, so a month or year
 * read from the sums is exact to the tiyin. Pure.
 */
export function dailySumsOf(tenantId: string, rows: EffectRows): DailyRows {
  const saleDay = new Map<string, { storeId: string; day: number }>();
  const refundDay = new Map<string, { storeId: string; day: number }>();
  const sales = cells<DailySalesRow>(() => ({}) as DailySalesRow);
  const salesAt = (storeId: string, day: number, deviceId: string, cashierId: string) => {
    const cell = sales.at([storeId, String(day).padStart(8, '0'), deviceId, cashierId].join('|'));
    if (cell.tenant_id === undefined)
      Object.assign(cell, {
        tenant_id: tenantId,
        store_id: storeId,
        day,
        device_id: deviceId,
        cashier_id: cashierId,
        sale_count: 0,
        sale_total: 0,
        sale_vat: 0,
        change_due: 0,
        refund_count: 0,
        refund_total: 0,
        refund_vat: 0,
      });
    return cell;
  };
  for (const s of rows.sales) {
    const day = storeDayNumber(s.occurred_at);
    saleDay.set(s.id, { storeId: s.store_id, day });
    const cell = salesAt(s.store_id, day, s.device_id, s.cashier_id);
    cell.sale_count += 1;
    cell.sale_total += s.total;
    cell.sale_vat += s.vat;
    cell.change_due += s.change_due;
  }
  for (const r of rows.refunds) {
    const day = storeDayNumber(r.occurred_at);
    refundDay.set(r.id, { storeId: r.store_id, day });
    const cell = salesAt(r.store_id, day, r.device_id, r.cashier_id ?? '');
    cell.refund_count += 1;
    cell.refund_total += r.total;
    cell.refund_vat += r.vat;
  }

  const products = cells<DailyProductRow>(() => ({}) as DailyProductRow);
  const counted = new Set<string>();
  const productAt = (at: { storeId: string; day: number }, productId: string) => {
    const cell = products.at([at.storeId, String(at.day).padStart(8, '0'), productId].join('|'));
    if (cell.tenant_id === undefined)
      Object.assign(cell, {
        tenant_id: tenantId,
        store_id: at.storeId,
        day: at.day,
        product_id: productId,
        name: null,
        sale_count: 0,
        sale_qty: 0,
        sale_total: 0,
        sale_vat: 0,
        refund_count: 0,
        refund_qty: 0,
        refund_total: 0,
        refund_vat: 0,
      });
    return cell;
  };
  for (const l of rows.saleLines) {
    const at = saleDay.get(l.sale_id)!;
    const cell = productAt(at, l.product_id);
    if (cell.name === null || l.name > cell.name) cell.name = l.name;
    if (!counted.has(`s|${l.sale_id}|${l.product_id}`)) {
      counted.add(`s|${l.sale_id}|${l.product_id}`);
      cell.sale_count += 1;
    }
    cell.sale_qty += l.qty;
    cell.sale_total += l.total;
    cell.sale_vat += l.vat;
  }
  for (const l of rows.refundLines) {
    const at = refundDay.get(l.refund_id)!;
    const cell = productAt(at, l.product_id);
    if (!counted.has(`r|${l.refund_id}|${l.product_id}`)) {
      counted.add(`r|${l.refund_id}|${l.product_id}`);
      cell.refund_count += 1;
    }
    cell.refund_qty += l.qty;
    cell.refund_total += l.total;
    cell.refund_vat += l.vat;
  }

  const payments = cells<DailyPaymentRow>(() => ({}) as DailyPaymentRow);
  const paymentAt = (at: { storeId: string; day: number }, method: string) => {
    const cell = payments.at([at.storeId, String(at.day).padStart(8, '0'), method].join('|'));
    if (cell.tenant_id === undefined)
      Object.assign(cell, {
        tenant_id: tenantId,
        store_id: at.storeId,
        day: at.day,
        method,
        paid: 0,
        refunded: 0,
      });
    return cell;
  };
  for (const p of rows.salePayments) paymentAt(saleDay.get(p.sale_id)!, p.method).paid += p.amount;
  for (const p of rows.refundPayments) paymentAt(refundDay.get(p.refund_id)!, p.method).refunded += p.amount;

  return { sales: sales.sorted(), products: products.sorted(), payments: payments.sorted() };
}
