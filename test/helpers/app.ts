import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/server/app.js';
import type { ServerConfig } from '../../src/server/config.js';
import type { AppDeps } from '../../src/server/context.js';
import type { Dialect } from '../../src/server/db/connection.js';
import { createSuperadmin } from '../../src/server/users/service.js';
import { freshDb, type TestDb } from './db.js';

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return Object.freeze({
    dbUrl: 'sqlite::memory:',
    dataDir: '/nonexistent',
    port: 0,
    host: '127.0.0.1',
    jwtSecret: 'test-secret-that-is-long-enough-for-hs256-signing',
    // Low scrypt cost keeps the suite fast; production uses 17.
    passwordHashCost: 10,
    sessionTtlMs: 3600_000,
    bodyLimit: '1mb',
    trustProxy: false,
    rateLimit: { windowMs: 15 * 60 * 1000, maxFailures: 10, maxFailuresPerAddress: 30 },
    logLevel: 'silent',
    eventPayloadDays: 90,
    ...overrides,
  });
}

export interface TestApp {
  db: TestDb;
  deps: AppDeps;
  app: Express;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function testApp(
  dialect: Dialect,
  configOverrides: Partial<ServerConfig> = {},
): Promise<TestApp> {
  const db = await freshDb(dialect);
  const deps: AppDeps = {
    db,
    config: testConfig(configOverrides),
    logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
  };
  const app = createApp(deps);
  return { db, deps, app, http: request(app), close: () => db.destroy() };
}

export const SUPERADMIN = { email: 'root@posapp.uz', password: 'platform-pass-1' };

/** A superadmin in the database and a bearer token for them. */
export async function superadminToken(t: TestApp): Promise<string> {
  const existing = await t.db.knex('platform_users').where({ email: SUPERADMIN.email }).first();
  if (!existing) await createSuperadmin(t.deps, SUPERADMIN);
  const res = await t.http.post('/auth/login').send(SUPERADMIN).expect(200);
  return res.body.token as string;
}

export interface BootstrappedTenant {
  tenantId: string;
  storeId: string;
  ownerEmail: string;
  ownerToken: string;
  firstDevice: { id: string; name: string; status: string };
  firstDeviceKey: string;
}

let tenantCounter = 0;

export async function bootstrapTenant(
  t: TestApp,
  options: { maxDevices?: number; tenantName?: string } = {},
): Promise<BootstrappedTenant> {
  const token = await superadminToken(t);
  const ownerEmail = `owner${++tenantCounter}-${Date.now()}@shop.uz`;
  const res = await t.http
    .post('/bootstrap')
    .set('authorization', `Bearer ${token}`)
    .send({
      tenantName: options.tenantName ?? 'Otabek Books',
      storeName: 'Main store',
      ownerEmail,
      ownerPassword: 'owner-pass-1',
      maxDevices: options.maxDevices ?? 1,
    })
    .expect(201);
  const login = await t.http
    .post('/auth/login')
    .send({ email: ownerEmail, password: 'owner-pass-1' })
    .expect(200);
  return {
    tenantId: res.body.tenant.id,
    storeId: res.body.store.id,
    ownerEmail,
    ownerToken: login.body.token,
    firstDevice: res.body.device,
    firstDeviceKey: res.body.deviceKey,
  };
}

export function bearer(token: string): [string, string] {
  return ['authorization', `Bearer ${token}`];
}

/**
 * For tests that push sales of past days: the tenant's registers count as activated long before them, since the
 * server refuses events dated before their register's activation.
 */
export async function activatedLongAgo(t: TestApp, tenantId: string, days = 800): Promise<void> {
  await t.db
    .knex('devices')
    .where({ tenant_id: tenantId })
    .update({ activated_at: Date.now() - days * 24 * 3600_000 });
}
