import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../src/server/app.js';
import { testDialects } from '../helpers/db.js';
import {
  bearer,
  bootstrapTenant,
  SUPERADMIN,
  superadminToken,
  testApp,
  type TestApp,
} from '../helpers/app.js';

for (const dialect of testDialects()) {
  describe(`auth [${dialect}]`, function () {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('logs the superadmin in and tells who they are', async () => {
      const token = await superadminToken(t);
      const me = await t.http
        .get('/auth/me')
        .set(...bearer(token))
        .expect(200);
      assert.equal(me.body.user.email, SUPERADMIN.email);
      assert.equal(me.body.user.role, 'superadmin');
      assert.equal(me.body.user.tenantId, null);
    });

    it('logs an owner in with the contract shape, ignoring email case', async () => {
      const tenant = await bootstrapTenant(t);
      const res = await t.http
        .post('/auth/login')
        .send({ email: tenant.ownerEmail.toUpperCase(), password: 'owner-pass-1' })
        .expect(200);
      assert.deepEqual(Object.keys(res.body).sort(), ['token', 'user']);
      assert.deepEqual(res.body.user, {
        id: res.body.user.id,
        email: tenant.ownerEmail,
        role: 'owner',
        tenantId: tenant.tenantId,
      });
    });

    it('keeps the panel language each person chooses, for the owner and the platform owner alike', async () => {
      const tenant = await bootstrapTenant(t);
      const me = () =>
        t.http
          .get('/auth/me')
          .set(...bearer(tenant.ownerToken))
          .expect(200);
      assert.equal((await me()).body.lang, null);
      const changed = await t.http
        .patch('/auth/me')
        .set(...bearer(tenant.ownerToken))
        .send({ lang: 'ru' })
        .expect(200);
      assert.equal(changed.body.lang, 'ru');
      assert.equal(changed.body.user.email, tenant.ownerEmail);
      // A new login (another browser) gets the same choice.
      const again = await t.http
        .post('/auth/login')
        .send({ email: tenant.ownerEmail, password: 'owner-pass-1' })
        .expect(200);
      const other = await t.http
        .get('/auth/me')
        .set(...bearer(again.body.token))
        .expect(200);
      assert.equal(other.body.lang, 'ru');
      const row = await t.db
        .knex('users')
        .where({ tenant_id: tenant.tenantId, id: changed.body.user.id })
        .first();
      assert.equal(row.lang, 'ru');

      const bad = await t.http
        .patch('/auth/me')
        .set(...bearer(tenant.ownerToken))
        .send({ lang: 'de' })
        .expect(400);
      assert.equal(bad.body.error.code, 'VALIDATION_FAILED');
      assert.equal((await me()).body.lang, 'ru');

      const root = await superadminToken(t);
      await t.http
        .patch('/auth/me')
        .set(...bearer(root))
        .send({ lang: 'en' })
        .expect(200);
      const rootMe = await t.http
        .get('/auth/me')
        .set(...bearer(root))
        .expect(200);
      assert.equal(rootMe.body.lang, 'en');
      assert.equal((await me()).body.lang, 'ru');
    });

    it('returns 401 INVALID_CREDENTIALS for a wrong password and for an unknown email alike', async () => {
      const tenant = await bootstrapTenant(t);
      const wrong = await t.http
        .post('/auth/login')
        .send({ email: tenant.ownerEmail, password: 'nope-nope' })
        .expect(401);
      assert.deepEqual(wrong.body, {
        error: { code: 'INVALID_CREDENTIALS', message: 'Email yoki parol noto‘g‘ri.' },
      });
      const unknown = await t.http
        .post('/auth/login')
        .send({ email: 'ghost@shop.uz', password: 'nope-nope' })
        .expect(401);
      assert.equal(unknown.body.error.code, 'INVALID_CREDENTIALS');
    });

    it('logout ends the session on the server', async () => {
      const tenant = await bootstrapTenant(t);
      await t.http
        .get('/auth/me')
        .set(...bearer(tenant.ownerToken))
        .expect(200);
      await t.http
        .post('/auth/logout')
        .set(...bearer(tenant.ownerToken))
        .expect(204);
      const after = await t.http
        .get('/devices')
        .set(...bearer(tenant.ownerToken))
        .expect(401);
      assert.equal(after.body.error.code, 'SESSION_EXPIRED');
      const row = await t.db
        .knex('sessions')
        .where({ user_id: (await t.db.knex('users').where({ email: tenant.ownerEmail }).first()).id })
        .first();
      assert.ok(row.ended_at);
    });

    it('refuses a forged or garbage token with 401', async () => {
      const res = await t.http.get('/devices').set('authorization', 'Bearer abc.def.ghi').expect(401);
      assert.equal(res.body.error.code, 'UNAUTHENTICATED');
    });
  });

  describe(`login rate limit [${dialect}]`, function () {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    it('allows a couple of typos, then answers 429 RATE_LIMITED after 10 failures per account', async () => {
      const tenant = await bootstrapTenant(t);
      // A typo or two and then the right password: fine.
      await t.http.post('/auth/login').send({ email: tenant.ownerEmail, password: 'typo-1234' }).expect(401);
      await t.http
        .post('/auth/login')
        .send({ email: tenant.ownerEmail, password: 'owner-pass-1' })
        .expect(200);
      for (let i = 0; i < 9; i++) {
        await t.http
          .post('/auth/login')
          .send({ email: tenant.ownerEmail, password: `wrong-${i}-xx` })
          .expect(401);
      }
      const limited = await t.http
        .post('/auth/login')
        .send({ email: tenant.ownerEmail, password: 'owner-pass-1' })
        .expect(429);
      assert.equal(limited.body.error.code, 'RATE_LIMITED');
      const sessions = await t.db.knex('sessions').count({ n: '*' }).first();
      // The bootstrap helper's login, the typo-then-right login; nothing from the refused attempts.
      assert.equal(Number(sessions!.n), 3);
    });

    it('behind one proxy (TRUST_PROXY=1), a forged X-Forwarded-For still gets 429 and the owner elsewhere signs in', async () => {
      const proxied = await testApp(dialect, { trustProxy: 1 });
      try {
        const tenant = await bootstrapTenant(proxied);
        // nginx appends the address it saw; the attacker writes a new fake one in front every time.
        const from = (client: string, forged?: string) => ({
          'x-forwarded-for': forged ? `${forged}, ${client}` : client,
        });
        for (let i = 0; i < 10; i++) {
          await proxied.http
            .post('/auth/login')
            .set(from('203.0.113.7', `198.51.100.${i}`))
            .send({ email: tenant.ownerEmail, password: `guess-${i}-xx` })
            .expect(401);
        }
        const limited = await proxied.http
          .post('/auth/login')
          .set(from('203.0.113.7', '198.51.100.99'))
          .send({ email: tenant.ownerEmail, password: 'guess-again' })
          .expect(429);
        assert.equal(limited.body.error.code, 'RATE_LIMITED');
        const owner = await proxied.http
          .post('/auth/login')
          .set(from('192.0.2.10'))
          .send({ email: tenant.ownerEmail, password: 'owner-pass-1' })
          .expect(200);
        assert.equal(owner.body.user.email, tenant.ownerEmail);
      } finally {
        await proxied.close();
      }
    });

    it('limits one address guessing many accounts', async () => {
      const fresh = await testApp(dialect, { trustProxy: 1 });
      try {
        const perAddress = fresh.deps.config.rateLimit.maxFailuresPerAddress;
        for (let i = 0; i < perAddress; i++) {
          await fresh.http
            .post('/auth/login')
            .set('x-forwarded-for', '203.0.113.8')
            .send({ email: `nobody${i}@shop.uz`, password: 'guess-1234' })
            .expect(401);
        }
        const res = await fresh.http
          .post('/auth/login')
          .set('x-forwarded-for', '203.0.113.8')
          .send({ email: 'someone-else@shop.uz', password: 'guess-1234' })
          .expect(429);
        assert.equal(res.body.error.code, 'RATE_LIMITED');
      } finally {
        await fresh.close();
      }
    });

    it('shares the counts between server processes on one database', async () => {
      const tenant = await bootstrapTenant(t);
      const second = request(createApp(t.deps));
      const servers = [t.http, second];
      for (let i = 0; i < 10; i++) {
        await servers[i % 2]!.post('/auth/login')
          .send({ email: tenant.ownerEmail, password: `wrong-${i}-xx` })
          .expect(401);
      }
      for (const server of servers) {
        const res = await server
          .post('/auth/login')
          .send({ email: tenant.ownerEmail, password: 'owner-pass-1' })
          .expect(429);
        assert.equal(res.body.error.code, 'RATE_LIMITED');
      }
    });

    it('limits failed activations per IP too', async () => {
      const fresh = await testApp(dialect);
      try {
        for (let i = 0; i < 10; i++) {
          await fresh.http
            .post('/devices/activate')
            .send({ deviceKey: `dk_bad_${i}` })
            .expect(401);
        }
        const res = await fresh.http
          .post('/devices/activate')
          .send({ deviceKey: 'dk_bad_again' })
          .expect(429);
        assert.equal(res.body.error.code, 'RATE_LIMITED');
      } finally {
        await fresh.close();
      }
    });
  });
}
