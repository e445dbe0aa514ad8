import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { AppError } from '../../src/common/errors.js';
import { ServerError } from '../../src/common/http.js';
import { webLoginResponse } from '../../src/common/protocol/auth.js';
import { deviceListResponse } from '../../src/common/protocol/devices.js';
import { panelRequest } from '../../src/admin/api/request.js';
import { bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { freePort, listen } from '../helpers/http.js';

describe('admin panel api client', () => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  before(async () => {
    t = await testApp('sqlite');
    server = await listen(t.app);
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  it('logs in as the panel and returns the answer parsed by its protocol schema', async () => {
    const tenant = await bootstrapTenant(t);
    const answer = await panelRequest(server.url, 'uz', '/auth/login', webLoginResponse, {
      method: 'POST',
      body: { email: tenant.ownerEmail, password: 'owner-pass-1' },
    });
    assert.equal(answer.user.email, tenant.ownerEmail);
    assert.equal('token' in answer, false);
  });

  it('raises the clients’ common ServerError with the code, status and message the server sent', async () => {
    await assert.rejects(
      panelRequest(server.url, 'ru', '/auth/login', webLoginResponse, {
        method: 'POST',
        body: { email: 'nobody@shop.uz', password: 'wrong-pass-1' },
      }),
      (error: unknown) => {
        assert.ok(error instanceof ServerError && error instanceof AppError);
        assert.equal(error.code, 'INVALID_CREDENTIALS');
        assert.equal(error.httpStatus, 401);
        assert.equal(error.message, 'Неверный email или пароль.');
        return true;
      },
    );
  });

  it('turns a refused connection into SERVER_UNREACHABLE, as the CLI and the register do', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    await assert.rejects(panelRequest(url, 'en', '/auth/me', null), (error: unknown) => {
      assert.ok(error instanceof AppError && !(error instanceof ServerError));
      assert.equal(error.code, 'SERVER_UNREACHABLE');
      return true;
    });
  });

  describe('against something that is not a POSAPP server', () => {
    let other: Server;
    let otherUrl: string;
    before(async () => {
      other = createServer((req, res) => {
        if (req.url === '/devices')
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"odd":1}');
        else res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
      });
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      const address = other.address();
      otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    });

    it('reports BAD_SERVER_RESPONSE for an error page and for a body of the wrong shape', async () => {
      await assert.rejects(panelRequest(otherUrl, 'en', '/auth/me', null), { code: 'BAD_SERVER_RESPONSE' });
      await assert.rejects(panelRequest(otherUrl, 'en', '/devices', deviceListResponse), {
        code: 'BAD_SERVER_RESPONSE',
      });
    });
  });
});
