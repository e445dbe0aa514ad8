import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';
import { packageRoot } from '../../node/package-root.js';

/** The built panel is `<package>/dist/admin` (`npm run build:admin`). */
export function defaultPanelDir(): string {
  return join(packageRoot(), 'dist', 'admin');
}

export function panelBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html'));
}

/** Mantine writes its CSS variables into <style> tags, hence 'unsafe-inline' for styles only; scripts stay 'self'. */
const panelCsp = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});

/** The owner's panel at /admin: hashed assets cached for good, every other /admin/* path gets index.html. */
export function panelRoutes(dir: string): Router {
  const router = Router();
  const index = join(dir, 'index.html');
  router.use(panelCsp);
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: true }),
  );
  router.use(express.static(dir, { index: false, maxAge: 0 }));
  router.get(/^\/(?!assets\/).*/, (_req, res) => {
    res.set('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
