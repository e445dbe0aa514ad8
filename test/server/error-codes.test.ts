import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  AppError,
  apiErrorStatus,
  httpStatusOf,
  isApiErrorCode,
  localErrorCodes,
} from '../../src/common/errors.js';
import { httpAnswerOf } from '../../src/server/http/error-handler.js';
import { bootstrapTenant, testApp, type TestApp } from '../helpers/app.js';

describe('error codes: the API’s apart from the register’s', function () {
  it('answers an API code with the status and message of the contract', () => {
    assert.deepEqual(httpAnswerOf(new AppError('DEVICE_LIMIT_REACHED'), 'uz'), {
      status: 402,
      body: {
        error: {
          code: 'DEVICE_LIMIT_REACHED',
          message: 'Kassa limiti tugadi. Qo‘shimcha kassa sotib oling.',
        },
      },
    });
    const contract = {
      INVALID_CREDENTIALS: 401,
      RATE_LIMITED: 429,
      EMAIL_TAKEN: 409,
      INVALID_DEVICE_KEY: 401,
      DEVICE_KEY_USED: 409,
      DEVICE_REVOKED: 403,
      MAX_DEVICES_BELOW_USED: 409,
      VALIDATION_FAILED: 400,
    } as const;
    for (const [code, status] of Object.entries(contract)) {
      assert.ok(isApiErrorCode(code), code);
      assert.equal(httpAnswerOf(new AppError(code), 'en').status, status, code);
    }
  });

  it('never gives a register-local code an HTTP status: one reaching the server answers 500 INTERNAL', () => {
    for (const code of localErrorCodes) {
      assert.equal(isApiErrorCode(code), false, code);
      const answer = httpAnswerOf(new AppError(code), 'en');
      assert.equal(answer.status, 500, code);
      assert.equal(answer.body.error.code, 'INTERNAL', code);
      assert.equal(answer.body.error.message, new AppError('INTERNAL').localized('en'), code);
    }
    // @ts-expect-error a register-local code has no HTTP status
    assert.equal(httpStatusOf('EMPTY_CART'), undefined);
  });

  it('keeps the two families apart and every API status an HTTP error status', () => {
    const api = Object.keys(apiErrorStatus);
    assert.deepEqual(
      api.filter((code) => (localErrorCodes as readonly string[]).includes(code)),
      [],
    );
    for (const status of Object.values(apiErrorStatus)) assert.ok(status >= 400 && status < 600);
  });

  it('lists every API code under its status in docs/errors.md, where users look them up', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = new Map<string, number>();
    for (const row of doc.matchAll(/^\| (\d{3}) +\| (.+) \|$/gm))
      for (const code of row[2]!.matchAll(/`([A-Z_]+)`/g)) documented.set(code[1]!, Number(row[1]));
    assert.deepEqual(Object.fromEntries(documented), { ...apiErrorStatus });
  });

  describe('over HTTP', function () {
    let t: TestApp;
    before(async () => {
      t = await testApp('sqlite');
    });
    after(() => t.close());

    it('sends the contract’s status and code from a route', async () => {
      const tenant = await bootstrapTenant(t, { maxDevices: 1 });
      const res = await t.http
        .post('/devices')
        .set('authorization', `Bearer ${tenant.ownerToken}`)
        .set('accept-language', 'en')
        .send({})
        .expect(402);
      assert.equal(res.body.error.code, 'DEVICE_LIMIT_REACHED');
      assert.equal(res.body.error.message, new AppError('DEVICE_LIMIT_REACHED').localized('en'));
    });
  });
});
