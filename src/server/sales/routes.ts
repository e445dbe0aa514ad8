import { Router } from 'express';
import { saleLookupQuery } from '../../common/protocol/sales.js';
import type { AppDeps } from '../context.js';
import { deviceOf, requireDevice } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { lookupSale } from './lookup.js';

/** What a register asks of the store's sales (a refund of a sale another register made). */
export function salesRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/lookup', requireDevice(deps), async (req, res) => {
    res.json(await lookupSale(deps, deviceOf(res), validate(saleLookupQuery, req.query)));
  });
  return router;
}
