import express, { Router } from 'express';
import { z } from 'zod';
import { createProductBody, listProductsQuery, updateProductBody } from '../../common/protocol/catalog.js';
import { AppError } from '../../common/errors.js';
import { langFromAcceptLanguage } from '../../common/i18n/index.js';
import type { AppDeps } from '../context.js';
import { requireTenantManager, tenantContext } from '../http/auth.js';
import { validate } from '../http/validate.js';
import { importProductsCsv } from './import.js';
import { createProduct, deactivateProduct, listProducts, updateProduct } from './service.js';

const idParams = z.object({ id: z.string().max(36) });

/** A 100k-line price list is about 10 MB; the limit leaves room. */
const IMPORT_BODY_LIMIT = '50mb';

export function catalogRoutes(deps: AppDeps): Router {
  const router = Router();
  router.use(requireTenantManager(deps));
  router.get('/', async (req, res) => {
    res.json(await listProducts(tenantContext(deps, res), validate(listProductsQuery, req.query)));
  });
  router.post('/', async (req, res) => {
    const body = validate(createProductBody, req.body);
    res.status(201).json(await createProduct(tenantContext(deps, res), body));
  });
  router.post(
    '/import',
    express.text({ type: ['text/csv', 'text/plain'], limit: IMPORT_BODY_LIMIT }),
    async (req, res) => {
      if (typeof req.body !== 'string')
        throw new AppError('VALIDATION_FAILED', { params: { field: 'body', reason: 'send text/csv' } });
      const lang = langFromAcceptLanguage(req.get('accept-language'));
      res.json(await importProductsCsv(tenantContext(deps, res), req.body, lang));
    },
  );
  router.patch('/:id', async (req, res) => {
    const { id } = validate(idParams, req.params);
    const body = validate(updateProductBody, req.body);
    res.json(await updateProduct(tenantContext(deps, res), id, body));
  });
  router.delete('/:id', async (req, res) => {
    const { id } = validate(idParams, req.params);
    res.json(await deactivateProduct(tenantContext(deps, res), id));
  });
  return router;
}
