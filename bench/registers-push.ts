import { bearer, bootstrapTenant } from '../test/helpers/app.js';
import { createProduct } from '../test/helpers/catalog.js';
import { activateFirstDevice, addActiveDevice, saleEvent } from '../test/helpers/sync.js';
import { round, type Bench } from './harness.js';
import { benchServer, pushOverHttp } from './server.js';

const BATCH = 500;
const START_LEVEL = 10_000_000;

/**
 * 3 registers push their sales at the same moment, each sale taking from 3 of the same 6 products: the rate, and
 * whether every sale is stored once and each stock level is exactly start − sold (the unit suite checks the same
 * with 30 sales per register).
 */
export const registersPush: Bench = async (ctx) => {
  const perDevice = ctx.quick ? 300 : 1_000;
  const s = await benchServer();
  try {
    const shop = await bootstrapTenant(s.t, { maxDevices: 3 });
    const devices = [
      await activateFirstDevice(s.t, shop),
      await addActiveDevice(s.t, shop),
      await addActiveDevice(s.t, shop),
    ];
    const products: string[] = [];
    for (let i = 0; i < 6; i++) products.push((await createProduct(s.t, shop.ownerToken)).id);
    await s.t.http
      .post('/stock/receipts')
      .set(...bearer(shop.ownerToken))
      .send({ lines: products.map((productId) => ({ productId, qty: START_LEVEL })) })
      .expect(201);
    const plans = devices.map(() =>
      Array.from({ length: perDevice }, (_, i) =>
        saleEvent([products[i % 6]!, products[(i + 1) % 6]!, products[(i + 2) % 6]!]),
      ),
    );
    let notApplied = 0;
    const started = performance.now();
    await Promise.all(
      devices.map(async (device, d) => {
        for (let i = 0; i < perDevice; i += BATCH) {
          const answer = await pushOverHttp(s.url, device.token, plans[d]!.slice(i, i + BATCH));
          if (answer.status !== 200) throw new Error(`push answered ${answer.status}`);
          notApplied += answer.results.filter((r) => r.status !== 'applied').length;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const total = devices.length * perDevice;
    const sold = new Map<string, number>();
    for (const plan of plans)
      for (const sale of plan)
        if (sale.type === 'sale.completed')
          for (const line of sale.data.lines)
            sold.set(line.productId, (sold.get(line.productId) ?? 0) + line.qty);
    const levels = await s.t.db.knex('stock_levels').where({ tenant_id: shop.tenantId });
    const wrongLevels = levels.filter((row) => Number(row.level) !== START_LEVEL - sold.get(row.product_id)!);
    const stored = Number(
      (await s.t.db.knex('sales').where({ tenant_id: shop.tenantId }).count({ n: '*' }).first())!.n,
    );
    const exact = notApplied === 0 && stored === total && levels.length === 6 && wrongLevels.length === 0;
    const rate = total / seconds;
    ctx.log(`registers-push [${s.dialect}]: ${total} sales in ${round(seconds, 2)} s`);
    return [
      {
        name: `registers-push [${s.dialect}]`,
        metric: `sales/s, 3 registers × ${perDevice} × 3 lines at once`,
        value: rate,
        unit: 'sales/s',
        target: 'every sale once, stock exact',
        pass: exact,
        notes: `${stored} stored, ${notApplied} not applied, ${wrongLevels.length} wrong stock levels`,
      },
    ];
  } finally {
    await s.close();
  }
};
