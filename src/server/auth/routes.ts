import { Router, type Request, type Response } from 'express';
import { loginBody, updateMeBody } from '../../common/protocol/auth.js';
import type { AppDeps } from '../context.js';
import { clearSessionCookie, isWebClient, requireUser, setSessionCookie, userOf } from '../http/auth.js';
import { limitFailures } from '../http/rate-limit.js';
import { validate } from '../http/validate.js';
import { currentUser, login, logout, updateCurrentUser } from './service.js';

function loginAccount(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 191) : undefined;
}

export function authRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post(
    '/login',
    ...limitFailures(
      deps,
      {
        scope: 'login',
        accountOf: (req) => loginAccount(req.body),
        perAddress: deps.config.rateLimit.maxFailuresPerAddress,
      },
      async (req: Request, res: Response) => {
        const body = validate(loginBody, req.body);
        const result = await login(deps, body);
        if (!isWebClient(req)) {
          res.json(result);
          return;
        }
        // The panel's credential is the HttpOnly cookie only: a token in the body would be readable by page scripts.
        setSessionCookie(req, res, result.token);
        res.json({ user: result.user });
      },
    ),
  );
  router.post('/logout', requireUser(deps), async (req, res) => {
    await logout(deps, userOf(res));
    clearSessionCookie(req, res);
    res.status(204).end();
  });
  router.get('/me', requireUser(deps), async (_req, res) => {
    res.json(await currentUser(deps, userOf(res)));
  });
  router.patch('/me', requireUser(deps), async (req, res) => {
    res.json(await updateCurrentUser(deps, userOf(res), validate(updateMeBody, req.body)));
  });
  return router;
}
