import { Router } from 'express';
import { z } from 'zod';
import { bootstrapBody, maxDevicesBody } from '../../common/protocol/tenants.js';
import type { AppDeps } from '../context.js';
import { requireUser } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { bootstrapTenant, listAllTenants, setMaxDevices } from './service.js';

const idParams = z.object({ id: z.uuid() });

export function bootstrapRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/', requireUser(deps, 'superadmin'), async (req, res) => {
    const body = validate(bootstrapBody, req.body);
    res.status(201).json(await bootstrapTenant(deps, body));
  });
  return router;
}

export function tenantRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(requireUser(deps, 'superadmin'));
  router.get('/', async (_req, res) => {
    res.json(await listAllTenants(deps));
  });
  router.patch('/:id/max-devices', async (req, res) => {
    const { id } = validate(idParams, req.params);
    const { maxDevices } = validate(maxDevicesBody, req.body);
    res.json(await setMaxDevices(deps, id, maxDevices));
  });
  return router;
}
