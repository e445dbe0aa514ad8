import { newId } from '../src/common/ids.js';
import type { SyncEvent } from '../src/common/protocol/sync.js';
import { bootstrapTenant } from '../test/helpers/app.js';
import { createProduct, type ProductSeed } from '../test/helpers/catalog.js';
import { freshDb } from '../test/helpers/db.js';
import { activateFirstDevice, saleEvent } from '../test/helpers/sync.js';
import { percentile, round, type Bench } from './harness.js';
import { benchServer, pushOverHttp } from './server.js';

const BATCH = 500;

type SaleData = Extract<SyncEvent, { type: 'sale.completed' }>['data'];

/** The rows the server writes for a sale, for the bare-driver baseline. */
function rowsOf(events: SyncEvent[], ids: { tenantId: string; storeId: string; deviceId: string }) {
  const sales: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  const now = Date.now();
  for (const e of events) {
    const d = e.data as SaleData;
    sales.push({
      tenant_id: ids.tenantId,
      id: e.id,
      store_id: ids.storeId,
      device_id: ids.deviceId,
      shift_id: d.shiftId,
      cashier_id: d.cashierId,
      receipt_no: d.receiptNo,
      total: d.total,
      discount: d.discount,
      change_due: d.change,
      vat: 0,
      occurred_at: Date.parse(e.occurredAt),
      received_at: now,
    });
    d.lines.forEach((line, i) =>
      lines.push({
        tenant_id: ids.tenantId,
        sale_id: e.id,
        line_no: i + 1,
        product_id: line.productId,
        name: line.name,
        qty: line.qty,
        unit_price: line.unitPrice,
        discount: line.discount,
        total: line.total,
        vat_rate: line.vatRate,
        vat: 0,
        mxik: null,
      }),
    );
  }
  return { sales, lines };
}

/** 3-line sales pushed over HTTP in batches of 500 against a bare knex batched insert of the same rows. */
export const push: Bench = async (ctx) => {
  const n = ctx.quick ? 2_000 : 10_000;
  const s = await benchServer();
  try {
    const tenant = await bootstrapTenant(s.t);
    const device = await activateFirstDevice(s.t, tenant);
    // One after the other: they share the store's change version.
    const products: ProductSeed[] = [];
    for (let i = 0; i < 3; i++) products.push(await createProduct(s.t, tenant.ownerToken));
    const shiftId = newId();
    const cashierId = newId();
    const events = Array.from({ length: n }, () =>
      saleEvent(
        products.map((p) => p.id),
        { shiftId, cashierId },
      ),
    );
    const latencies: number[] = [];
    let notApplied = 0;
    const started = performance.now();
    for (let i = 0; i < n; i += BATCH) {
      const answer = await pushOverHttp(s.url, device.token, events.slice(i, i + BATCH));
      if (answer.status !== 200) throw new Error(`push answered ${answer.status}`);
      notApplied += answer.results.filter((r) => r.status !== 'applied').length;
      latencies.push(answer.ms);
    }
    const seconds = (performance.now() - started) / 1000;
    const stored = Number((await s.t.db.knex('sales').count({ n: '*' }).first())!.n);

    const bare = await freshDb(s.dialect);
    let bareSeconds: number;
    try {
      const { sales, lines } = rowsOf(events, {
        tenantId: tenant.tenantId,
        storeId: tenant.storeId,
        deviceId: device.id,
      });
      const bareStart = performance.now();
      for (let i = 0; i < n; i += BATCH) {
        await bare.knex.transaction(async (trx) => {
          await trx('sales').insert(sales.slice(i, i + BATCH));
          await trx('sale_lines').insert(lines.slice(i * 3, (i + BATCH) * 3));
        });
      }
      bareSeconds = (performance.now() - bareStart) / 1000;
    } finally {
      await bare.destroy();
    }
    const rate = n / seconds;
    const ok = notApplied === 0 && stored === n;
    ctx.log(`push [${s.dialect}]: ${n} sales in ${round(seconds, 2)} s, bare ${round(bareSeconds, 2)} s`);
    return [
      {
        name: `push [${s.dialect}]`,
        metric: `sales/s, ${n} × 3 lines, batches of ${BATCH}`,
        value: rate,
        unit: 'sales/s',
        target: '≥ 2000 sales/s',
        pass: rate >= 2000 && ok,
        baseline: n / bareSeconds,
        notes: `HTTP; p99 batch ${round(percentile(latencies, 99), 1)} ms; ${stored} stored, ${notApplied} not applied`,
      },
    ];
  } finally {
    await s.close();
  }
};
