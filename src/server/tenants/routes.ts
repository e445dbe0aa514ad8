import { Router } from 'express';
import { z } from 'zod';
import { maxDevicesBody } from '../../common/protocol/tenants.js';
import type { AppDeps } from '../context.js';
import { requireUser } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { listAllTenants, setMaxDevices } from './service.js';

const idParams = z.object({ id: z.uuid() });

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
