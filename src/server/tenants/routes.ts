import { Router } from 'express';
import { z } from 'zod';
import { maxDevicesBody, tenantListQuery } from '../../common/protocol/tenants.js';
import type { AppDeps } from '../context.js';
import { requireUser, userOf } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { licenceHistory, listAllTenants, setMaxDevices } from './service.js';

const idParams = z.object({ id: z.uuid() });

export function tenantRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(requireUser(deps, 'superadmin'));
  router.get('/', async (req, res) => {
    res.json(await listAllTenants(deps, validate(tenantListQuery, req.query)));
  });
  router.patch('/:id/max-devices', async (req, res) => {
    const { id } = validate(idParams, req.params);
    res.json(await setMaxDevices(deps, userOf(res), id, validate(maxDevicesBody, req.body)));
  });
  router.get('/:id/licence-history', async (req, res) => {
    const { id } = validate(idParams, req.params);
    res.json(await licenceHistory(deps, id));
  });
  return router;
}
