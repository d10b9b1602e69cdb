/**
 * The connector's express app: security headers on everything, the front door at `/`, the routes, a 404
 * (JSON, or HTML for browsers), and the one
 * error middleware.
 */
import type { Foreground } from '../background/foreground.ts';
import express, { type Express, type Router } from 'express';
import { fileURLToPath } from 'node:url';
import type { RegisteredAdapter } from '../adapters/registry.ts';
import type { ConnectorConfig } from '../config.ts';
import type { Catalogue } from '../notify/catalogue.ts';
import { citizenCalendar } from '../notify/citizen-calendar.ts';
import { parseAddress } from '../notify/citizen-mail-composer.ts';
import { schedulerApiRoutes } from './api/scheduler-api.ts';
import type { DomainDeps } from '../domain/ports.ts';
import type { Logger } from '../log.ts';
import type { DevMailbox } from '../notify/dev-mailbox.ts';
import type { PublicJwk } from '../tokens/signing-key.ts';
import { errorMiddleware, notFoundHandler, requestLog } from './error-middleware.ts';
import { calendarRoute } from './routes/calendar-route.ts';
import { brandRoutes } from '@virtuelles-amt/video-service/server-shared/brand-routes';
import { cancelRoutes } from './routes/cancel-routes.ts';
import { devMailboxRoutes } from './routes/dev-mailbox-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { joinLinkRoute } from './routes/join-link-route.ts';
import { jwksRoute } from './routes/jwks-route.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import { securityHeaders } from './security-headers.ts';
import { frontDoorPage } from './pages/front-door-page.ts';

/** Directory of the pages' CSS and scripts, served at /assets. */
export const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

export interface HttpDeps {
  log: Logger;
  domain: DomainDeps;
  config: ConnectorConfig;
  /** The service catalogue (connector/catalogue/services.json). */
  catalogue: Catalogue;
  adapters: RegisteredAdapter[];
  jwks: () => PublicJwk[];
  database: { ping(): Promise<void> };
  /** Counts requests in flight so background work steps aside (background/foreground.ts). */
  foreground: Pick<Foreground, 'track'>;
  /** Null when SMTP_URL is set. */
  devMailbox: DevMailbox | null;
  publicUrl: () => string;
  https: boolean;
  /** More routers, mounted after the webhooks (outbound/outbound-module.ts: video-service events, webhook API). */
  routers?: Router[];
}

export function createHttpApp(deps: HttpDeps): Express {
  const frontDoor = frontDoorPage(deps.config.municipality);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(deps.foreground.track);
  app.use(securityHeaders({ https: deps.https }));
  app.use(requestLog(deps.log));
  app.use(
    '/assets',
    express.static(ASSETS_DIR, {
      index: false,
      maxAge: '1h',
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=3600'),
    }),
  );
  app.use(brandRoutes(deps.config.municipality.brand));
  app.get('/', (_req, res) => {
    res.type('text/html; charset=utf-8').send(frontDoor);
  });
  app.use(healthRoutes(deps.database));
  app.use(jwksRoute(deps.jwks));
  app.use(joinLinkRoute(deps.domain));
  app.use(webhookRoutes(deps.adapters, deps.domain, deps.log));
  for (const router of deps.routers ?? []) app.use(router);
  app.use(schedulerApiRoutes(deps));
  app.use(
    calendarRoute(
      deps.domain,
      citizenCalendar({
        catalogue: deps.catalogue,
        opensMinutesBefore: deps.config.joinOpensMinutesBefore,
        publicUrl: deps.publicUrl,
        organizer: parseAddress(deps.config.mailFrom),
      }),
    ),
  );
  app.use(cancelRoutes(deps.domain, deps.log, deps.config.municipality));
  if (deps.devMailbox) app.use(devMailboxRoutes(deps.devMailbox));
  app.use(notFoundHandler);
  app.use(errorMiddleware(deps.log));
  return app;
}
