import { Router } from 'express';
import {
  auditReportQuery,
  bestSellersQuery,
  salesReportQuery,
  shiftsReportQuery,
  stockReportQuery,
} from '../../common/protocol/reports.js';
import type { AppDeps } from '../context.js';
import { requireTenantManager, tenantContext } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { auditReport } from './audit.js';
import { bestSellers, salesReport, shiftsReport, stockReport } from './service.js';

export function reportRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(requireTenantManager(deps));
  router.get('/sales', async (req, res) => {
    res.json(await salesReport(tenantContext(deps, res), validate(salesReportQuery, req.query)));
  });
  router.get('/shifts', async (req, res) => {
    res.json(await shiftsReport(tenantContext(deps, res), validate(shiftsReportQuery, req.query)));
  });
  router.get('/best-sellers', async (req, res) => {
    res.json(await bestSellers(tenantContext(deps, res), validate(bestSellersQuery, req.query)));
  });
  router.get('/stock', async (req, res) => {
    res.json(await stockReport(tenantContext(deps, res), validate(stockReportQuery, req.query)));
  });
  router.get('/audit', async (req, res) => {
    res.json(await auditReport(tenantContext(deps, res), validate(auditReportQuery, req.query)));
  });
  return router;
}
