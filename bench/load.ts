import { newId } from '../src/common/ids.js';
import { bootstrapTenant } from '../test/helpers/app.js';
import { createProduct, type ProductSeed } from '../test/helpers/catalog.js';
import { activateFirstDevice, addActiveDevice, saleEvent, type ActiveDevice } from '../test/helpers/sync.js';
import { percentile, round, type Bench } from './harness.js';
import { benchServer, pushOverHttp } from './server.js';

/** Pushes per register: each sends its sales in batches as a register's outbox would. */
const PUSH_BATCH = 10;

/** Registers push concurrently while owners read the sales report in a loop. */
export const load: Bench = async (ctx) => {
  const registers = ctx.quick ? 10 : 50;
  const perRegister = ctx.quick ? 50 : 200;
  const owners = 5;
  const s = await benchServer();
  try {
    const tenant = await bootstrapTenant(s.t, { maxDevices: registers });
    const devices: ActiveDevice[] = [await activateFirstDevice(s.t, tenant)];
    while (devices.length < registers) devices.push(await addActiveDevice(s.t, tenant));
    // One after the other: they share the store's change version.
    const products: ProductSeed[] = [];
    for (let i = 0; i < 3; i++) products.push(await createProduct(s.t, tenant.ownerToken));
    const productIds = products.map((p) => p.id);

    const latencies: number[] = [];
    const reportLatencies: number[] = [];
    let errors = 0;
    let duplicates = 0;
    let done = false;
    const started = performance.now();
    const pushing = Promise.all(
      devices.map(async (device) => {
        const shiftId = newId();
        const cashierId = newId();
        const sales = Array.from({ length: perRegister }, () =>
          saleEvent(productIds, { shiftId, cashierId }),
        );
        for (let i = 0; i < sales.length; i += PUSH_BATCH) {
          const answer = await pushOverHttp(s.url, device.token, sales.slice(i, i + PUSH_BATCH));
          latencies.push(answer.ms);
          if (answer.status !== 200) errors++;
          for (const r of answer.results) {
            if (r.status === 'duplicate') duplicates++;
            else if (r.status !== 'applied') errors++;
          }
        }
      }),
    );
    const reading = Promise.all(
      Array.from({ length: owners }, async () => {
        while (!done) {
          const start = process.hrtime.bigint();
          const res = await fetch(`${s.url}/reports/sales`, {
            headers: { authorization: `Bearer ${tenant.ownerToken}` },
          });
          await res.arrayBuffer();
          reportLatencies.push(Number(process.hrtime.bigint() - start) / 1e6);
          if (res.status !== 200) errors++;
        }
      }),
    );
    await pushing.finally(() => {
      done = true;
    });
    await reading;
    const seconds = (performance.now() - started) / 1000;

    const made = registers * perRegister;
    const knex = s.t.db.knex;
    const stored = Number(
      (await knex('sales').where({ tenant_id: tenant.tenantId }).count({ n: '*' }).first())!.n,
    );
    const levels = await knex('stock_levels')
      .where({ tenant_id: tenant.tenantId })
      .whereIn('product_id', productIds);
    // saleEvent sells 1 piece (1000 milli-units) of each product per sale; nothing was received.
    const stockExact =
      levels.length === productIds.length &&
      levels.every((l: { level: number }) => Number(l.level) === -made * 1000);
    const pass = errors === 0 && duplicates === 0 && stored === made && stockExact;
    ctx.log(
      `load [${s.dialect}]: ${made} sales in ${round(seconds, 1)} s, ${reportLatencies.length} report reads`,
    );
    return [
      {
        name: `load [${s.dialect}]`,
        metric: `${registers} registers × ${perRegister} sales + ${owners} report readers`,
        value: errors + duplicates + Math.abs(made - stored) + (stockExact ? 0 : 1),
        unit: 'problems',
        target: '0 errors, 0 duplicates, count = made, stock exact',
        pass,
        notes:
          `${errors} errors, ${duplicates} dup, ${stored}/${made} sales, stock ${stockExact ? 'exact' : 'WRONG'}; ` +
          `push p50 ${round(percentile(latencies, 50), 1)} ms p99 ${round(percentile(latencies, 99), 1)} ms ` +
          `(${PUSH_BATCH}/push); report p99 ${round(percentile(reportLatencies, 99), 1)} ms; ${round(made / seconds)} sales/s`,
      },
    ];
  } finally {
    await s.close();
  }
};
