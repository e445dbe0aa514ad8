import { Router } from 'express';
import { bootstrapBody } from '../../common/protocol/tenants.js';
import type { AppDeps } from '../context.js';
import { requireUser } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { bootstrapTenant } from './service.js';

export function bootstrapRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/', requireUser(deps, 'superadmin'), async (req, res) => {
    const body = validate(bootstrapBody, req.body);
    res.status(201).json(await bootstrapTenant(deps, body));
  });
  return router;
}
