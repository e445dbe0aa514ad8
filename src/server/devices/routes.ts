import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { activateBody, createDeviceBody, deviceActionQuery } from '../../common/protocol/devices.js';
import type { AppDeps } from '../context.js';
import { deviceOf, requireDevice, requireTenantManager, tenantContext } from '../http/auth.js';
import { limitFailures } from '../http/rate-limit.js';
import { validate } from '../http/validate.js';
import { deviceIdFromKey } from './keys.js';
import {
  activateDevice,
  createDevice,
  describeDevice,
  listDevices,
  resetDeviceKey,
  revokeDevice,
} from './service.js';

const idParams = z.object({ id: z.string() });

function activationAccount(body: unknown): string | undefined {
  const key = (body as { deviceKey?: unknown } | undefined)?.deviceKey;
  return typeof key === 'string' ? (deviceIdFromKey(key) ?? undefined) : undefined;
}

function forceOf(query: unknown): boolean {
  return validate(deviceActionQuery, query).force === 'true';
}

export function deviceRoutes(deps: AppDeps): Router {
  const router = Router();

  // Registers, before the owner guard: the device key (or token) is their credential.
  router.post(
    '/activate',
    ...limitFailures(
      deps,
      {
        scope: 'activate',
        accountOf: (req) => activationAccount(req.body),
        // Device keys carry 128 random bits: an installer needs a typo or two, never dozens, from one place.
        perAddress: deps.config.rateLimit.maxFailures,
      },
      async (req: Request, res: Response) => {
        res.json(await activateDevice(deps, validate(activateBody, req.body)));
      },
    ),
  );
  router.get('/me', requireDevice(deps), async (_req, res) => {
    res.json({ device: await describeDevice(deps, deviceOf(res)) });
  });

  router.use(requireTenantManager(deps));
  router.post('/', async (req, res) => {
    const body = validate(createDeviceBody, req.body ?? {});
    res.status(201).json(await createDevice(tenantContext(deps, res), body));
  });
  router.get('/', async (_req, res) => {
    res.json(await listDevices(tenantContext(deps, res)));
  });
  router.post('/:id/revoke', async (req, res) => {
    const { id } = validate(idParams, req.params);
    res.json(await revokeDevice(tenantContext(deps, res), id, forceOf(req.query)));
  });
  router.post('/:id/reset-key', async (req, res) => {
    const { id } = validate(idParams, req.params);
    res.json(await resetDeviceKey(tenantContext(deps, res), id, forceOf(req.query)));
  });
  return router;
}
