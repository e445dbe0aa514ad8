import { Router } from 'express';
import { z } from 'zod';
import { createUserBody, resetPinBody } from '../../common/protocol/users.js';
import type { AppDeps } from '../context.js';
import { requireTenantManager, tenantContext } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { createTenantUser, disableUser, enableUser, listTenantUsers, resetCashierPin } from './people.js';

const idParams = z.object({ id: z.string().max(36) });

export function userRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(requireTenantManager(deps));
  router.post('/', async (req, res) => {
    const body = validate(createUserBody, req.body);
    res.status(201).json(await createTenantUser(tenantContext(deps, res), body));
  });
  router.get('/', async (_req, res) => {
    res.json(await listTenantUsers(tenantContext(deps, res)));
  });
  router.post('/:id/disable', async (req, res) => {
    const { id } = validate(idParams, req.params);
    res.json(await disableUser(tenantContext(deps, res), id));
  });
  router.post('/:id/enable', async (req, res) => {
    const { id } = validate(idParams, req.params);
    res.json(await enableUser(tenantContext(deps, res), id));
  });
  router.post('/:id/pin', async (req, res) => {
    const { id } = validate(idParams, req.params);
    const { pin } = validate(resetPinBody, req.body);
    res.json(await resetCashierPin(tenantContext(deps, res), id, pin));
  });
  return router;
}
