import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { verifyToken } from '../src/server/auth/tokens.js';
import { bootstrapTenant } from '../test/helpers/app.js';
import { activateFirstDevice, addActiveDevice, type ActiveDevice } from '../test/helpers/sync.js';
import { percentile, type Bench } from './harness.js';
import { benchServer } from './server.js';

const TENANTS = 50;
const PER_TENANT = 4;
const POLL_SECONDS = 15;

/** Short slices, alternated: a GC pause or a burst of other work on the machine lands on both sides alike. */
const SLICES = 6;

interface Rounds {
  perSecond: number;
  p99: number;
  errors: number;
}

/** Equal-length slices: mean rate, worst p99, all errors. */
function merged(runs: Rounds[]): Rounds {
  return {
    perSecond: runs.reduce((sum, r) => sum + r.perSecond, 0) / runs.length,
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** Every register asks `path` as fast as it can for `seconds`; rounds/s over all of them and p99 latency. */
async function hammer(
  url: (device: Register) => string,
  registers: Register[],
  seconds: number,
): Promise<Rounds> {
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    registers.map(async (device) => {
      while (performance.now() < until) {
        const start = process.hrtime.bigint();
        const res = await fetch(url(device), { headers: { authorization: `Bearer ${device.token}` } });
        const body = (await res.json()) as { changes?: unknown[] };
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (res.status !== 200 || (body.changes !== undefined && body.changes.length !== 0)) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: latencies.length / elapsed, p99: percentile(latencies, 99), errors };
}

interface Register extends ActiveDevice {
  tenantId: string;
  cursor: string;
}

/**
 * 200 up-to-date registers of 50 tenants poll one server process as fast as they can, against the bare limit in the
 * same run: Express + the same JWT check + one primary-key SELECT of the device row.
 */
export const idleRounds: Bench = async (ctx) => {
  const seconds = ctx.quick ? 6 : 18;
  const s = await benchServer();
  const bare = express();
  const knex = s.t.db.knex;
  const secret = s.t.deps.config.jwtSecret;
  bare.get('/device', (req, res, next) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
    verifyToken(secret, token)
      .then((claims) =>
        knex('devices').where({ tenant_id: claims.tid, id: claims.sub }).first('id', 'status'),
      )
      .then((row) => res.json({ id: row.id, status: row.status }))
      .catch(next);
  });
  const bareServer = bare.listen(0, '127.0.0.1');
  await once(bareServer, 'listening');
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;
  try {
    const registers: Register[] = [];
    for (let i = 0; i < TENANTS; i++) {
      const tenant = await bootstrapTenant(s.t, { maxDevices: PER_TENANT, tenantName: `Do‘kon ${i}` });
      const devices = [await activateFirstDevice(s.t, tenant)];
      while (devices.length < PER_TENANT) devices.push(await addActiveDevice(s.t, tenant));
      for (const d of devices) {
        const first = await s.t.http.get('/sync/pull').set('authorization', `Bearer ${d.token}`).expect(200);
        registers.push({ ...d, tenantId: tenant.tenantId, cursor: first.body.cursor as string });
      }
    }
    ctx.log(`idle-rounds [${s.dialect}]: ${registers.length} registers of ${TENANTS} tenants up to date`);
    // Warm both paths (connections, JIT) before measuring.
    await hammer((d) => `${s.url}/sync/pull?cursor=${d.cursor}`, registers, 1);
    await hammer(() => `${bareUrl}/device`, registers, 1);
    // Interleaved in slices, so a change in the machine's load during the run weighs on both alike.
    const baselineRuns: Rounds[] = [];
    const idleRuns: Rounds[] = [];
    for (let slice = 0; slice < SLICES; slice++) {
      baselineRuns.push(await hammer(() => `${bareUrl}/device`, registers, seconds / SLICES));
      idleRuns.push(
        await hammer((d) => `${s.url}/sync/pull?cursor=${d.cursor}`, registers, seconds / SLICES),
      );
    }
    const baseline = merged(baselineRuns);
    const idle = merged(idleRuns);
    const held = Math.floor(idle.perSecond * POLL_SECONDS);
    const ok = idle.errors === 0 && baseline.errors === 0;
    return [
      {
        name: `idle-rounds [${s.dialect}]`,
        metric: `rounds/s, ${registers.length} up-to-date registers, ${seconds} s`,
        value: idle.perSecond,
        unit: '/s',
        target: '≥ 0.8× bare JWT + PK SELECT',
        pass: ok && idle.perSecond >= 0.8 * baseline.perSecond,
        baseline: baseline.perSecond,
        notes: `one process holds ≈ ${held} registers polling every ${POLL_SECONDS} s; errors ${idle.errors}/${baseline.errors}`,
      },
      {
        name: `idle-rounds [${s.dialect}]`,
        metric: `p99 of an idle round, ${registers.length} registers in parallel`,
        value: idle.p99,
        unit: 'ms',
        target: 'reported',
        pass: ok,
        baseline: baseline.p99,
      },
    ];
  } finally {
    bareServer.closeAllConnections();
    bareServer.close();
    await s.close();
  }
};
