import { createHash } from 'node:crypto';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '../../common/errors.js';
import { addFailures, blockedKeys } from '../auth/queries.js';
import type { AppDeps } from '../context.js';

interface Limited {
  key: string;
  limit: number;
}

/** Hashed, so the table holds no e-mail or address in the clear and every key fits the column. */
function hashKey(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function keysOf(
  deps: AppDeps,
  scope: string,
  req: Request,
  accountOf: (req: Request) => string | undefined,
  perAddress: number,
): Limited[] {
  // With `trust proxy` set to the real hop count, req.ip is the address the last trusted proxy saw, not what the
  // client wrote into X-Forwarded-For. IPv6 counts per /56, as one customer usually holds a whole prefix.
  const address = ipKeyGenerator(req.ip ?? 'unknown');
  const keys: Limited[] = [{ key: hashKey(`${scope}|ip|${address}`), limit: perAddress }];
  const account = accountOf(req);
  if (account !== undefined)
    keys.push({
      key: hashKey(`${scope}|account|${account}|${address}`),
      limit: deps.config.rateLimit.maxFailures,
    });
  return keys;
}

/**
 * Limits failed attempts per (account, address) and per address, so guessing from one place stops while the
 * owner, signing in from elsewhere, is never locked out by someone else's guesses. Counts live in the database:
 * N server processes behind a load balancer give an attacker the same attempts as one. A success counts nothing.
 * `perAddress`: failures allowed from one address over all accounts. Returns the check to put before the handler
 * and the counter to put after it (an error handler).
 */
function failureLimiter(
  deps: AppDeps,
  scope: string,
  accountOf: (req: Request) => string | undefined,
  perAddress: number,
): { check: RequestHandler; count: ErrorRequestHandler } {
  const windowStart = () => Date.now() - deps.config.rateLimit.windowMs;
  const check: RequestHandler = async (req, _res, next) => {
    const keys = keysOf(deps, scope, req, accountOf, perAddress);
    const after = windowStart();
    for (const { key, limit } of keys) {
      if ((await blockedKeys(deps.db.knex, [key], after, limit)).length > 0) {
        throw new AppError('RATE_LIMITED');
      }
    }
    next();
  };
  const count: ErrorRequestHandler = async (error, req, _res, next) => {
    // A refused attempt was never tried, so it is not another failure.
    if (error instanceof AppError && error.code === 'RATE_LIMITED') return next(error);
    const keys = keysOf(deps, scope, req, accountOf, perAddress).map((k) => k.key);
    await addFailures(deps.db.knex, keys, Date.now(), windowStart());
    next(error);
  };
  return { check, count };
}

export interface FailureLimit {
  /** Keeps the counts of one endpoint apart from another's. */
  scope: string;
  /** The account an attempt is for (an e-mail, a device), if the body names one. */
  accountOf: (req: Request) => string | undefined;
  perAddress: number;
}

/**
 * A credential-checking handler between its limiter's check and counter, the one wiring every limited endpoint
 * uses: `router.post(path, ...limitFailures(deps, limit, handler))`.
 */
export function limitFailures(
  deps: AppDeps,
  limit: FailureLimit,
  handler: RequestHandler,
): [RequestHandler, RequestHandler, ErrorRequestHandler] {
  const { check, count } = failureLimiter(deps, limit.scope, limit.accountOf, limit.perAddress);
  return [check, handler, count];
}
