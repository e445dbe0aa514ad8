import type { Request, RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { AppError } from '../../common/errors.js';
import type { ServerConfig } from '../config.js';

/**
 * Counts failed attempts only (4xx/5xx), per client IP and per account, so an installer's typo or two never
 * locks anyone out but guessing does. In memory: behind a load balancer each server counts its own share.
 */
export function failureLimiter(
  config: ServerConfig,
  accountOf: (req: Request) => string | undefined,
): RequestHandler[] {
  const common = {
    windowMs: config.rateLimit.windowMs,
    limit: config.rateLimit.maxFailures,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8' as const,
    legacyHeaders: false,
    handler: (_req: Request, _res: unknown, next: (error: unknown) => void) =>
      next(new AppError('RATE_LIMITED')),
  };
  const perIp = rateLimit({ ...common, keyGenerator: (req) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}` });
  const perAccount = rateLimit({
    ...common,
    skip: (req) => accountOf(req) === undefined,
    keyGenerator: (req) => `account:${accountOf(req)}`,
  });
  return [perIp, perAccount];
}
