import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../src/common/ids.js';
import { bootstrapTenant, testConfig } from '../test/helpers/app.js';
import { createProduct, type ProductSeed } from '../test/helpers/catalog.js';
import { ROOT, startServerProcess, type ServerProcess } from '../test/helpers/cli.js';
import { activateFirstDevice, addActiveDevice, saleEvent, type ActiveDevice } from '../test/helpers/sync.js';
import { percentile, round, type Bench } from './harness.js';
import { benchServer, pushOverHttp } from './server.js';

/** Pushes per register: each sends its sales in batches as a register's outbox would. */
const PUSH_BATCH = 10;
/** Licence of the second tenant, raced by parallel adds spread over both processes. */
const MAX_DEVICES = 6;
const PARALLEL_ADDS = 100;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Registers push concurrently while owners read the sales report in a loop, through two `posapp server`
 * processes on one database: every batch goes to both at once, as a register retrying on another node would.
 * Each sale must be applied exactly once (the other copy answered `duplicate`), stock exact, and a licence of
 * six registers must hold under parallel adds spread over both.
 */
export const load: Bench = async (ctx) => {
  if (!existsSync(join(ROOT, 'dist/bundle/posapp.js')))
    throw new Error('dist/bundle/posapp.js is missing: run `npm run build` first');
  const registers = ctx.quick ? 10 : 50;
  const perRegister = ctx.quick ? 50 : 200;
  const owners = 5;
  const s = await benchServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'posapp-load-'));
  const nodes: ServerProcess[] = [];
  try {
    for (let i = 0; i < 2; i++)
      nodes.push(
        await startServerProcess(
          ['--db', s.t.db.url, '--data-dir', dataDir, '--port', String(await freePort())],
          {
            JWT_SECRET: testConfig().jwtSecret,
            LOG_LEVEL: 'warn',
          },
        ),
      );
    const urls = nodes.map((n) => n.url);
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
    let applied = 0;
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
          const batch = sales.slice(i, i + PUSH_BATCH);
          const answers = await Promise.all(urls.map((url) => pushOverHttp(url, device.token, batch)));
          for (const answer of answers) {
            latencies.push(answer.ms);
            if (answer.status !== 200) errors++;
            for (const r of answer.results) {
              if (r.status === 'applied') applied++;
              else if (r.status !== 'duplicate') errors++;
            }
          }
        }
      }),
    );
    const reading = Promise.all(
      Array.from({ length: owners }, async (_, owner) => {
        while (!done) {
          const start = process.hrtime.bigint();
          const res = await fetch(`${urls[owner % urls.length]}/reports/sales`, {
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
    // Applied more often than made is a sale counted twice; fewer stored than made is a sale lost.
    const duplicated = Math.max(0, applied - made);
    const lost = Math.max(0, made - stored);

    // The licence: parallel adds of a six-register tenant, every other one through the other process.
    const limited = await bootstrapTenant(s.t, { maxDevices: MAX_DEVICES });
    await Promise.all(
      Array.from({ length: PARALLEL_ADDS }, (_, i) =>
        fetch(`${urls[i % urls.length]}/devices`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${limited.ownerToken}` },
          body: '{}',
        }).then((res) => res.arrayBuffer()),
      ),
    );
    const devicesMade = Number(
      (await knex('devices').where({ tenant_id: limited.tenantId }).count({ n: '*' }).first())!.n,
    );
    const limitExact = devicesMade === MAX_DEVICES;

    const pass =
      errors === 0 && duplicated === 0 && lost === 0 && applied === made && stockExact && limitExact;
    ctx.log(
      `load [${s.dialect}]: ${made} sales in ${round(seconds, 1)} s through 2 processes, ${reportLatencies.length} report reads`,
    );
    return [
      {
        name: `load [${s.dialect}]`,
        metric: `${registers} registers × ${perRegister} sales, each batch to 2 server processes, + ${owners} report readers`,
        value: errors + duplicated + lost + (stockExact ? 0 : 1) + Math.abs(devicesMade - MAX_DEVICES),
        unit: 'problems',
        target: '0 errors, 0 lost, 0 duplicated, stock exact, limit exact',
        pass,
        notes:
          `${errors} errors, ${lost} lost, ${duplicated} duplicated (${applied} applied of ${made}), ` +
          `stock ${stockExact ? 'exact' : 'WRONG'}, ${devicesMade}/${MAX_DEVICES} devices after ${PARALLEL_ADDS} parallel adds; ` +
          `push p50 ${round(percentile(latencies, 50), 1)} ms p99 ${round(percentile(latencies, 99), 1)} ms ` +
          `(${PUSH_BATCH}/push); report p99 ${round(percentile(reportLatencies, 99), 1)} ms; ${round(made / seconds)} sales/s`,
      },
    ];
  } finally {
    for (const node of nodes) await node.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await s.close();
  }
};
