import assert from 'node:assert/strict';
import jwt from 'jsonwebtoken';
import { AppError } from '../../src/common/errors.js';
import { signDeviceToken, signUserToken, verifyToken } from '../../src/server/auth/tokens.js';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

async function refusedWith(token: string, code: string): Promise<void> {
  await assert.rejects(verifyToken(SECRET, token), (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, code);
    return true;
  });
}

describe('session and device tokens', function () {
  it('gives back exactly the claims it signed, without the registered ones', async () => {
    const user = { sub: 'u1', sid: 's1', tid: 't1', role: 'owner' as const };
    const token = await signUserToken(SECRET, user, Date.now() + 60_000);
    assert.deepEqual(await verifyToken(SECRET, token), { typ: 'user', ...user });
    const device = { sub: 'd1', tid: 't1', store: 'st1', ver: 3 };
    assert.deepEqual(await verifyToken(SECRET, await signDeviceToken(SECRET, device)), {
      typ: 'device',
      ...device,
    });
  });

  it('answers SESSION_EXPIRED to an expired session', async () => {
    const token = await signUserToken(
      SECRET,
      { sub: 'u1', sid: 's1', tid: null, role: 'superadmin' },
      Date.now() - 1000,
    );
    await refusedWith(token, 'SESSION_EXPIRED');
  });

  it('refuses an unsigned token, another algorithm, another issuer and another secret', async () => {
    const claims = { typ: 'device', sub: 'd1', tid: 't1', store: 'st1', ver: 1 };
    await refusedWith(jwt.sign(claims, '', { algorithm: 'none', issuer: 'posapp' }), 'UNAUTHENTICATED');
    await refusedWith(jwt.sign(claims, SECRET, { algorithm: 'HS512', issuer: 'posapp' }), 'UNAUTHENTICATED');
    await refusedWith(
      jwt.sign(claims, SECRET, { algorithm: 'HS256', issuer: 'elsewhere' }),
      'UNAUTHENTICATED',
    );
    await refusedWith(
      jwt.sign(claims, 'another-secret-that-is-long-enough-for-hs256', {
        algorithm: 'HS256',
        issuer: 'posapp',
      }),
      'UNAUTHENTICATED',
    );
  });

  it('refuses a well-signed token whose claims do not fit the protocol', async () => {
    const wrongType = { typ: 'device', sub: 'd1', tid: 't1', store: 'st1', ver: '1' };
    await refusedWith(
      jwt.sign(wrongType, SECRET, { algorithm: 'HS256', issuer: 'posapp' }),
      'UNAUTHENTICATED',
    );
    const unknownRole = { typ: 'user', sub: 'u1', sid: 's1', tid: 't1', role: 'root' };
    await refusedWith(
      jwt.sign(unknownRole, SECRET, { algorithm: 'HS256', issuer: 'posapp' }),
      'UNAUTHENTICATED',
    );
  });
});
