import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../src/server/app.js';
import { createSuperadmin } from '../src/server/users/service.js';
import { freshDb, testDialects } from '../test/helpers/db.js';
import { testConfig } from '../test/helpers/app.js';
import { percentile, round, type Bench, type BenchResult } from './harness.js';

/** N concurrent POST /devices at maxDevices = 3: exactly 3 must exist; latency of the refusals and creations. */
export const limitRace: Bench = async (ctx) => {
  const results: BenchResult[] = [];
  const concurrent = 200;
  for (const dialect of testDialects()) {
    const db = await freshDb(dialect);
    try {
      const deps = { db, config: testConfig(), logger: pino({ level: 'silent' }) };
      const app = createApp(deps);
      const server = app.listen(0);
      const http = request(server);
      await createSuperadmin(deps, { email: 'bench@posapp.uz', password: 'bench-pass-1' });
      const superToken = (
        await http.post('/auth/login').send({ email: 'bench@posapp.uz', password: 'bench-pass-1' })
      ).body.token;
      await http.post('/bootstrap').set('authorization', `Bearer ${superToken}`).send({
        tenantName: 'Bench',
        storeName: 'Main',
        ownerEmail: 'o@bench.uz',
        ownerPassword: 'bench-pass-1',
        maxDevices: 3,
      });
      const owner = (await http.post('/auth/login').send({ email: 'o@bench.uz', password: 'bench-pass-1' }))
        .body.token;
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: concurrent }, async () => {
          const start = process.hrtime.bigint();
          await http.post('/devices').set('authorization', `Bearer ${owner}`).send({});
          latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        }),
      );
      const count = Number((await db.knex('devices').count({ n: '*' }).first())!.n);
      server.close();
      ctx.log(`limit-race [${dialect}]: ${count} devices after ${concurrent} concurrent requests`);
      results.push({
        name: `limit-race [${dialect}]`,
        metric: `devices after ${concurrent} concurrent adds`,
        value: count,
        unit: 'devices',
        target: 'exactly 3',
        pass: count === 3,
        notes: `p99 ${round(percentile(latencies, 99), 1)} ms, p50 ${round(percentile(latencies, 50), 1)} ms`,
      });
    } finally {
      await db.destroy();
    }
  }
  return results;
};
