import type { ServerResponse } from 'node:http';
import express, { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { importBody, pullQuery, pushBody } from '../../common/protocol/sync.js';
import type { AppDeps } from '../context.js';
import { deviceOf, requireDevice, requireTenantManager, tenantContext } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { importEvents } from './import.js';
import { pullChanges } from './pull.js';
import { pushEvents } from './push.js';
import { listFlagged, listRejected } from './rejected.js';

/** 500 sales of up to a few dozen lines each; more than 500 events is 400 VALIDATION_FAILED (field `events`). */
const PUSH_BODY_LIMIT = '20mb';

const rejectedQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** A pull that found nothing new: the request log writes it at debug level. */
export function isIdleRound(res: ServerResponse): boolean {
  return (res as Partial<Response>).locals?.idleRound === true;
}

/** The app's security headers (helmet) and response compression, taken here route by route. */
export interface SyncWeb {
  securityHeaders: RequestHandler;
  compress: RequestHandler;
}

/**
 * Mounted before the app-wide JSON parser, so a push gets its own, larger body limit. Pull and push answer only
 * registers, never a browser, so they go without the browser's security headers; a pull is compressed only when
 * it carries changes. An idle round — most of a server's requests — then costs the token check, one read and a
 * small JSON answer. The owner's routes here get headers and compression as every other route does.
 */
export function syncRoutes(deps: AppDeps, web: SyncWeb): Router {
  const router = Router();
  router.get('/pull', requireDevice(deps), async (req, res) => {
    const answer = await pullChanges(deps, deviceOf(res), validate(pullQuery, req.query));
    res.locals.idleRound = answer.changes.length === 0;
    if (res.locals.idleRound) res.json(answer);
    else web.compress(req, res, () => res.json(answer));
  });
  router.post(
    '/push',
    web.compress,
    requireDevice(deps, { allowRetired: true }),
    express.json({ limit: PUSH_BODY_LIMIT, strict: true }),
    async (req, res) => {
      res.json(await pushEvents(deps, deviceOf(res), validate(pushBody, req.body)));
    },
  );
  router.post(
    '/import',
    web.securityHeaders,
    web.compress,
    requireTenantManager(deps),
    express.json({ limit: PUSH_BODY_LIMIT, strict: true }),
    async (req, res) => {
      res.json(await importEvents(tenantContext(deps, res), validate(importBody, req.body)));
    },
  );
  router.get('/rejected', web.securityHeaders, web.compress, requireTenantManager(deps), async (req, res) => {
    const { limit } = validate(rejectedQuery, req.query);
    res.json(await listRejected(tenantContext(deps, res), limit));
  });
  router.get('/review', web.securityHeaders, web.compress, requireTenantManager(deps), async (req, res) => {
    const { limit } = validate(rejectedQuery, req.query);
    res.json(await listFlagged(tenantContext(deps, res), limit));
  });
  return router;
}
