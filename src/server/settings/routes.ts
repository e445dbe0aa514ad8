import { Router } from 'express';
import { updateSettingsBody } from '../../common/protocol/settings.js';
import type { AppDeps } from '../context.js';
import { requireTenantManager, tenantContext } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { getSettings, updateSettings } from './service.js';

export function settingsRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(requireTenantManager(deps));
  router.get('/', async (_req, res) => {
    res.json(await getSettings(tenantContext(deps, res)));
  });
  router.patch('/', async (req, res) => {
    res.json(await updateSettings(tenantContext(deps, res), validate(updateSettingsBody, req.body)));
  });
  return router;
}
