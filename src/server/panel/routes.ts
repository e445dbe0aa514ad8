import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import helmet from 'helmet';

/**
 * The built panel is `<repo>/dist/admin`. This module sits three levels below the repo root both as
 * src/server/panel/routes.ts (tsx) and as dist/server/panel/routes.js (built), so one relative path serves both.
 */
export function defaultPanelDir(): string {
  return fileURLToPath(new URL('../../../dist/admin/', import.meta.url));
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
