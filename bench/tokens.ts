import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { signDeviceToken, verifyToken } from '../src/server/auth/tokens.js';
import { percentile, round, timeEach, type Bench } from './harness.js';

/**
 * Every authenticated request verifies a token. The server's verifyToken (jsonwebtoken, claims parsed with zod)
 * against a bare jsonwebtoken verify with the key made once; the note shows what a string secret costs.
 */
export const tokens: Bench = async (ctx) => {
  const secret = 'bench-secret-that-is-at-least-32-characters';
  const token = await signDeviceToken(secret, {
    sub: '01a2375c-0000-7000-8000-000000000001',
    tid: '01a2375c-0000-7000-8000-000000000002',
    store: '01a2375c-0000-7000-8000-000000000003',
    ver: 1,
  });
  if ((await verifyToken(secret, token)).typ !== 'device') throw new Error('the bench token does not verify');
  const n = ctx.quick ? 5_000 : 50_000;
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const options = { algorithms: ['HS256' as const], issuer: 'posapp' };
  const bare = (): void => void jwt.verify(token, key, options);
  const stringSecret = (): void => void jwt.verify(token, secret, options);
  // verifyToken is async only by signature: its work is synchronous, so the loop times it like the others.
  const project = (): void => void verifyToken(secret, token);

  timeEach(1000, bare);
  timeEach(1000, project);
  const baseline = timeEach(n, bare);
  const times = timeEach(n, project);
  const withString = timeEach(Math.min(n, 5_000), stringSecret);
  const p50 = percentile(times, 50);
  return [
    {
      name: 'tokens',
      metric: 'p50 verifyToken (device token)',
      value: p50,
      unit: 'ms',
      target: '≤ 0.05 ms',
      pass: p50 <= 0.05,
      baseline: percentile(baseline, 50),
      notes: `${n} verifies; with the secret passed as a string: p50 ${round(percentile(withString, 50), 3)} ms`,
    },
  ];
};
