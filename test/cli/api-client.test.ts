import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { AppError } from '../../src/common/errors.js';
import { deviceListResponse } from '../../src/common/protocol/devices.js';
import { ServerError } from '../../src/common/http.js';
import { createApiClient } from '../../src/cli/api-client.js';
import { bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';
import { freePort, listen } from '../helpers/http.js';

describe('cli api-client', () => {
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

  it('sends the bearer token and returns the body the server sent', async () => {
    const tenant = await bootstrapTenant(t, { maxDevices: 2 });
    const api = createApiClient({ server: server.url + '/', token: tenant.ownerToken, lang: 'uz' });
    const body = await api.request('GET', '/devices', { response: deviceListResponse });
    assert.equal(body.maxDevices, 2);
    assert.deepEqual(
      body.devices.map((d) => d.name),
      ['POS-01'],
    );
  });

  it('throws the server error with its message in the language asked for', async () => {
    const tenant = await bootstrapTenant(t, { maxDevices: 1 });
    const api = createApiClient({ server: server.url, token: tenant.ownerToken, lang: 'ru' });
    await assert.rejects(api.request('POST', '/devices', { body: {}, response: null }), (error: unknown) => {
      assert.ok(error instanceof ServerError);
      assert.equal(error.code, 'DEVICE_LIMIT_REACHED');
      assert.equal(error.httpStatus, 402);
      assert.equal(error.localized(), 'Лимит касс исчерпан. Купите дополнительную кассу.');
      return true;
    });
  });

  it('turns a refused connection into SERVER_UNREACHABLE naming the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const api = createApiClient({ server: url, lang: 'en' });
    await assert.rejects(api.request('GET', '/health', { response: null }), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'SERVER_UNREACHABLE');
      assert.equal(error.localized('en'), `Cannot reach the server: ${url}`);
      return true;
    });
  });

  describe('against something that is not a POSAPP server', () => {
    let proxy: Server;
    let proxyUrl: string;
    before(async () => {
      proxy = createServer((req, res) => {
        if (req.url === '/devices') {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"unexpected":true}');
        } else res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const address = proxy.address();
      proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    });

    it('reports BAD_SERVER_RESPONSE for an error page that is not our error body', async () => {
      const api = createApiClient({ server: proxyUrl, lang: 'en' });
      await assert.rejects(api.request('GET', '/health', { response: null }), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'BAD_SERVER_RESPONSE');
        assert.equal(error.localized('en'), `The server gave an unexpected answer (502): ${proxyUrl}/health`);
        return true;
      });
    });

    it('reports BAD_SERVER_RESPONSE for a success body of the wrong shape', async () => {
      const api = createApiClient({ server: proxyUrl, lang: 'en' });
      await assert.rejects(api.request('GET', '/devices', { response: deviceListResponse }), {
        code: 'BAD_SERVER_RESPONSE',
      });
    });
  });
});
