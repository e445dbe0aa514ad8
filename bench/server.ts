import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../src/server/app.js';
import type { AppDeps } from '../src/server/context.js';
import type { Dialect } from '../src/server/db/connection.js';
import { testConfig, type TestApp } from '../test/helpers/app.js';
import { freshDb, testDialects, type TestDb } from '../test/helpers/db.js';

/** MySQL when reachable (as the shops run it), else SQLite. */
export function benchDialect(): Dialect {
  return testDialects().includes('mysql') ? 'mysql' : 'sqlite';
}

export interface BenchServer {
  t: TestApp;
  server: Server;
  url: string;
  dialect: Dialect;
  close(): Promise<void>;
}

/** A real server on a free port over a fresh migrated database. */
export async function benchServer(dialect: Dialect = benchDialect()): Promise<BenchServer> {
  const db: TestDb = await freshDb(dialect);
  const deps: AppDeps = { db, config: testConfig(), logger: pino({ level: 'silent' }) };
  const app = createApp(deps);
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const t: TestApp = { db, deps, app, http: request(server), close: () => db.destroy() };
  return {
    t,
    server,
    url,
    dialect,
    async close() {
      server.closeAllConnections();
      server.close();
      await db.destroy();
    },
  };
}

export interface PushAnswer {
  ms: number;
  status: number;
  results: Array<{ id: string; status: string; error?: string }>;
}

/** POST /sync/push over real HTTP. */
export async function pushOverHttp(url: string, token: string, events: unknown[]): Promise<PushAnswer> {
  const start = process.hrtime.bigint();
  const res = await fetch(`${url}/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });
  const body = (await res.json()) as { results?: PushAnswer['results'] };
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    status: res.status,
    results: body.results ?? [],
  };
}
