import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../src/server/app.js';
import { redactPaths } from '../../src/server/logger.js';
import { testDialects } from '../helpers/db.js';
import { bearer, bootstrapTenant, superadminToken, testApp, type TestApp } from '../helpers/app.js';

for (const dialect of testDialects()) {
  describe(`request validation [${dialect}]`, function () {
    let t: TestApp;
    let superToken: string;
    before(async () => {
      t = await testApp(dialect);
      superToken = await superadminToken(t);
    });
    after(async () => {
      await t.close();
    });

    const good = {
      tenantName: 'Shop',
      storeName: 'Main',
      ownerEmail: 'v@shop.uz',
      ownerPassword: 'secret-pass-1',
    };

    it('names the field of a wrong type: 400 VALIDATION_FAILED', async () => {
      const res = await t.http
        .post('/bootstrap')
        .set(...bearer(superToken))
        .set('accept-language', 'en')
        .send({ ...good, maxDevices: 'three' })
        .expect(400);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.match(res.body.error.message, /register limit — must be a number/);
    });

    it('refuses unknown fields, naming them', async () => {
      const res = await t.http
        .post('/bootstrap')
        .set(...bearer(superToken))
        .send({ ...good, isAdmin: true })
        .expect(400);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.match(res.body.error.message, /isAdmin/);
    });

    it('refuses a bad email and a short password', async () => {
      const email = await t.http
        .post('/bootstrap')
        .set(...bearer(superToken))
        .send({ ...good, ownerEmail: 'not-an-email' })
        .expect(400);
      assert.match(email.body.error.message, /egasining emaili — email manzili noto‘g‘ri/);
      const pass = await t.http
        .post('/bootstrap')
        .set(...bearer(superToken))
        .send({ ...good, ownerPassword: 'short' })
        .expect(400);
      assert.match(pass.body.error.message, /egasining paroli — kamida 8 belgi/);
      const count = await t.db.knex('tenants').count({ n: '*' }).first();
      assert.equal(Number(count!.n), 0);
    });

    it('answers malformed JSON with 400 and an oversized body with 413', async () => {
      const bad = await t.http
        .post('/auth/login')
        .set('content-type', 'application/json')
        .send('{"email": "a@b.uz",')
        .expect(400);
      assert.equal(bad.body.error.code, 'MALFORMED_JSON');
      const huge = await t.http
        .post('/auth/login')
        .send({ email: 'a@b.uz', password: 'x'.repeat(2 * 1024 * 1024) })
        .expect(413);
      assert.equal(huge.body.error.code, 'PAYLOAD_TOO_LARGE');
    });

    it('refuses a device name with odd characters and writes nothing', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 2 });
      const res = await t.http
        .post('/devices')
        .set(...bearer(tenant.ownerToken))
        .send({ name: '<script>' })
        .expect(400);
      assert.match(res.body.error.message, /nomi/);
      const row = await t.db.knex('tenants').where({ id: tenant.tenantId }).first();
      assert.equal(Number(row.devices_used), 1);
    });

    it('answers unknown routes with 404 in the error shape', async () => {
      const res = await t.http.get('/no-such-thing').expect(404);
      assert.deepEqual(res.body, { error: { code: 'NOT_FOUND', message: 'Topilmadi.' } });
    });
  });
}

describe('logging', function () {
  let t: TestApp;
  const lines: string[] = [];
  before(async () => {
    t = await testApp('sqlite');
  });
  after(async () => {
    await t.close();
  });

  it('never writes passwords, device keys or tokens to the log', async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'trace', redact: { paths: redactPaths, censor: '[redacted]' } }, sink);
    const app = createApp({ ...t.deps, logger });
    const http = request(app);
    const superToken = await superadminToken(t);
    const boot = await http
      .post('/bootstrap')
      .set(...bearer(superToken))
      .send({
        tenantName: 'Log shop',
        storeName: 'Main',
        ownerEmail: 'log@shop.uz',
        ownerPassword: 'very-secret-pw',
      })
      .expect(201);
    const act = await http.post('/devices/activate').send({ deviceKey: boot.body.deviceKey }).expect(200);
    await http
      .get('/devices/me')
      .set(...bearer(act.body.deviceToken))
      .expect(200);
    await http.post('/auth/login').send({ email: 'log@shop.uz', password: 'wrong-secret-pw' }).expect(401);
    const log = lines.join('');
    assert.ok(log.length > 0, 'requests were logged');
    for (const secret of [
      'very-secret-pw',
      'wrong-secret-pw',
      boot.body.deviceKey,
      act.body.deviceToken,
      superToken,
    ]) {
      assert.ok(!log.includes(secret), `log leaks ${secret.slice(0, 12)}…`);
    }
  });
});
