import express, { type Express } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { authRoutes } from './auth/routes.js';
import { catalogRoutes } from './catalog/routes.js';
import type { AppDeps } from './context.js';
import { deviceRoutes } from './devices/routes.js';
import { reportRoutes } from './reports/routes.js';
import { salesRoutes } from './sales/routes.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { defaultPanelDir, panelBuilt, panelRoutes } from './panel/routes.js';
import { settingsRoutes } from './settings/routes.js';
import { stockRoutes } from './stock/routes.js';
import { isIdleRound, syncRoutes } from './sync/routes.js';
import { bootstrapRoutes } from './bootstrap/routes.js';
import { tenantRoutes } from './tenants/routes.js';
import { userRoutes } from './users/routes.js';

export interface AppOptions {
  /** Where the built admin panel lives; when it has no index.html, /admin is a plain 404. */
  panelDir?: string;
}

/** Builds the HTTP app; listening is the caller's business (main.ts, tests). */
export function createApp(deps: AppDeps, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  const { trustProxy } = deps.config;
  app.set('trust proxy', Array.isArray(trustProxy) ? [...trustProxy] : trustProxy);
  const securityHeaders = helmet();
  // Shops sync over mobile links: a page of products shrinks about 8×; level 1 keeps the server's CPU for sales.
  const compress = compression({ level: 1, threshold: 1024 });
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Thousands of registers poll every few seconds; a round that found nothing is not worth an info line.
      customLogLevel: (_req, res) => (isIdleRound(res) ? 'debug' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/health' },
      // Each request's logger binds the request when it is made, logged or not, so an idle round pays for it:
      // one child logger (not a second one for the request id), and a request of method, URL and address, not
      // every header redacted. Headers carry nothing a log needs and the credentials it must never hold.
      serializers: {
        // Given the standard serialization of the request, keeps what says which request it was.
        req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
      },
    }),
  );
  // Before the app-wide parser (a push brings its own, larger limit) and before the browser's headers and
  // compression, which the sync routes take only where they serve (see syncRoutes).
  app.use('/sync', syncRoutes(deps, { securityHeaders, compress }));
  app.use(securityHeaders);
  app.use(compress);
  app.use(express.json({ limit: deps.config.bodyLimit, strict: true }));

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/auth', authRoutes(deps));
  app.use('/bootstrap', bootstrapRoutes(deps));
  app.use('/tenants', tenantRoutes(deps));
  app.use('/devices', deviceRoutes(deps));
  const panelDir = options.panelDir ?? defaultPanelDir();
  if (panelBuilt(panelDir)) app.use('/admin', panelRoutes(panelDir));
  app.use('/products', catalogRoutes(deps));
  app.use('/stock', stockRoutes(deps));
  app.use('/users', userRoutes(deps));
  app.use('/settings', settingsRoutes(deps));
  app.use('/reports', reportRoutes(deps));
  app.use('/sales', salesRoutes(deps));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
