import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/server/app.js';
import { testDialects } from '../helpers/db.js';
import { bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';

const WEB = ['x-posapp-client', 'web'] as const;

function sessionCookie(res: request.Response): string {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = header.find((c) => c.startsWith('posapp_session='));
  assert.ok(cookie, `no posapp_session cookie in ${JSON.stringify(header)}`);
  return cookie;
}

for (const dialect of testDialects()) {
  describe(`browser session cookie [${dialect}]`, function () {
    let t: TestApp;
    before(async () => {
      t = await testApp(dialect);
    });
    after(async () => {
      await t.close();
    });

    async function webLogin(): Promise<{ cookie: string; setCookie: string; body: Record<string, unknown> }> {
      const tenant = await bootstrapTenant(t, { maxDevices: 2 });
      const res = await t.http
        .post('/auth/login')
        .set(...WEB)
        .send({ email: tenant.ownerEmail, password: 'owner-pass-1' })
        .expect(200);
      const setCookie = sessionCookie(res);
      return { cookie: setCookie.split(';')[0]!, setCookie, body: res.body };
    }

    it('sets an HttpOnly SameSite=Strict cookie on a web login and answers with the user only (no token in the body)', async () => {
      const { setCookie, body } = await webLogin();
      assert.match(setCookie, /; HttpOnly/);
      assert.match(setCookie, /; SameSite=Strict/);
      assert.match(setCookie, /; Path=\//);
      assert.doesNotMatch(setCookie, /; Secure/, 'plain HTTP gets no Secure flag');
      assert.equal(body.token, undefined, 'the web answer carries no token page scripts could read');
      assert.match(setCookie.split(';')[0]!, /^posapp_session=[\w-]+\.[\w-]+\.[\w-]+$/);
      assert.equal((body.user as { role: string }).role, 'owner');
    });

    it('marks the cookie Secure when the request came over HTTPS (behind a trusted proxy)', async () => {
      const behindProxy = await testApp(dialect, { trustProxy: 1 });
      try {
        const tenant = await bootstrapTenant(behindProxy);
        const res = await behindProxy.http
          .post('/auth/login')
          .set(...WEB)
          .set('x-forwarded-proto', 'https')
          .send({ email: tenant.ownerEmail, password: 'owner-pass-1' })
          .expect(200);
        assert.match(sessionCookie(res), /; Secure/);
      } finally {
        await behindProxy.close();
      }
    });

    it('sets no cookie for the CLI (no X-Posapp-Client header)', async () => {
      const tenant = await bootstrapTenant(t);
      const res = await t.http
        .post('/auth/login')
        .send({ email: tenant.ownerEmail, password: 'owner-pass-1' })
        .expect(200);
      assert.equal(res.headers['set-cookie'], undefined);
    });

    it('authenticates GET /devices with the cookie alone', async () => {
      const { cookie } = await webLogin();
      const res = await t.http.get('/devices').set('cookie', cookie).expect(200);
      assert.equal(res.body.maxDevices, 2);
      assert.equal(res.body.used, 1);
    });

    it('refuses a state change with the cookie but without X-Posapp-Client: web (403 FORBIDDEN)', async () => {
      const { cookie } = await webLogin();
      const res = await t.http.post('/devices').set('cookie', cookie).send({}).expect(403);
      assert.equal(res.body.error.code, 'FORBIDDEN');
      const list = await t.http.get('/devices').set('cookie', cookie).expect(200);
      assert.equal(list.body.devices.length, 1, 'nothing was created');
      const ok = await t.http
        .post('/devices')
        .set('cookie', cookie)
        .set(...WEB)
        .send({})
        .expect(201);
      assert.equal(ok.body.device.name, 'POS-02');
    });

    it('logout ends the session and clears the cookie', async () => {
      const { cookie } = await webLogin();
      const res = await t.http
        .post('/auth/logout')
        .set('cookie', cookie)
        .set(...WEB)
        .expect(204);
      const cleared = sessionCookie(res);
      assert.match(cleared, /^posapp_session=;/);
      assert.match(cleared, /Expires=Thu, 01 Jan 1970/);
      const me = await t.http.get('/auth/me').set('cookie', cookie).expect(401);
      assert.equal(me.body.error.code, 'SESSION_EXPIRED');
    });
  });
}

describe('serving the admin panel at /admin', function () {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await testApp('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'posapp-panel-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('serves index.html at /admin/ and for client-side routes, with a CSP that lets the panel run', async () => {
    const http = request(createApp(t.deps, { panelDir: dir }));
    const bare = await http.get('/admin').expect(301);
    assert.equal(bare.headers.location, '/admin/');
    for (const path of ['/admin/', '/admin/login', '/admin/registers', '/admin/tenants/x']) {
      const res = await http.get(path).expect(200);
      assert.match(res.text, /<div id="root">/, path);
      assert.match(res.headers['content-type'] as string, /text\/html/);
    }
    const csp = (await http.get('/admin/')).headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self' 'unsafe-inline'/);
  });

  it('serves hashed assets with a long cache and 404s missing ones as JSON', async () => {
    const http = request(createApp(t.deps, { panelDir: dir }));
    const asset = await http.get('/admin/assets/index-abc123.js').expect(200);
    assert.match(asset.headers['cache-control'] as string, /immutable/);
    const missing = await http.get('/admin/assets/nope.js').expect(404);
    assert.equal(missing.body.error.code, 'NOT_FOUND');
  });

  it('answers 404 NOT_FOUND when the panel is not built', async () => {
    const http = request(createApp(t.deps, { panelDir: join(dir, 'missing') }));
    const res = await http.get('/admin/').expect(404);
    assert.equal(res.body.error.code, 'NOT_FOUND');
  });
});
