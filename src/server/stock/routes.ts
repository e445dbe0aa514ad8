import { Router } from 'express';
import { stockAdjustmentBody, stockPageQuery, stockReceiptBody } from '../../common/protocol/catalog.js';
import type { AppDeps } from '../context.js';
import { requireTenantManager, tenantContext } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { adjustStock, listStockLevels, listStockPage, receiveStock } from './service.js';

export function stockRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(requireTenantManager(deps));
  router.post('/receipts', async (req, res) => {
    const body = validate(stockReceiptBody, req.body);
    res.status(201).json(await receiveStock(tenantContext(deps, res), body));
  });
  router.post('/adjustments', async (req, res) => {
    const body = validate(stockAdjustmentBody, req.body);
    res.status(201).json(await adjustStock(tenantContext(deps, res), body));
  });
  router.get('/', async (req, res) => {
    res.json(await listStockPage(tenantContext(deps, res), validate(stockPageQuery, req.query)));
  });
  router.get('/levels', async (_req, res) => {
    res.json(await listStockLevels(tenantContext(deps, res)));
  });
  return router;
}
