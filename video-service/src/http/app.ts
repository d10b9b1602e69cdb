/** The express application: security headers, health, the session API, the admin API, the room UI, JSON 404, one error middleware. */
import express, { type Router } from 'express';
import type { Logger } from '../log.ts';
import type { MediaHealth } from '../media/media-mode.ts';
import type { SessionDeps } from '../sessions/sessions.ts';
import { errorMiddleware, notFound } from './error-middleware.ts';
import { faviconRoutes } from './favicon.ts';
import { frontDoorRoutes, htmlNotFound } from './front-door.ts';
import { healthRoutes } from './health-routes.ts';
import { noStore, securityHeaders } from './security-headers.ts';
import { sameOriginWrites } from './same-origin.ts';
import { sessionRoutes } from './session-routes.ts';
import { staticRoutes } from './static-routes.ts';
import { brandRoutes } from '../server-shared/brand-routes.ts';
import type { Brand } from '../shared/municipality-profile.ts';
import { privacyRoutes } from './privacy-page.ts';
import { adminRoutes, type AdminRouteDeps } from './admin-routes.ts';

export interface HttpAppDeps {
  sessions: SessionDeps;
  ping: () => Promise<void>;
  /** What /readyz says about media, asked on every request (workers can die and be replaced). */
  media: () => MediaHealth;
  publicUrl: string;
  webDistDir: string;
  /** The municipality profile's name, for the room's header. */
  officeName?: string;
  /** The profile's colours and logo: `/brand/*`, and the room's header. */
  brand?: Brand;
  /** The privacy statement linked before joining (config `PRIVACY_URL`). */
  privacyUrl: string;
  workplaceUrl?: string | undefined;
  trustProxy: number;
  sessionCreateLimitPerMinute: number;
  sessionCreateLimitWindowMs: number;
  /** The clock of the session rate limit (ms); default `Date.now`. */
  now?: () => number;
  admin: AdminRouteDeps;
  /** Casework routes (http/casework/), mounted before the room UI. */
  casework?: Router;
  log: Logger;
}

/** Body limit of the JSON API: a join token is a few hundred bytes. */
const API_BODY_LIMIT = '16kb';

export function createHttpApp(deps: HttpAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders);
  app.use(sameOriginWrites(deps.publicUrl));
  app.use(faviconRoutes());
  if (deps.brand) app.use(brandRoutes(deps.brand));
  app.use(frontDoorRoutes());
  app.use(healthRoutes({ ping: deps.ping, media: deps.media, log: deps.log }));
  app.use(
    '/api',
    noStore,
    express.json({ limit: API_BODY_LIMIT }),
    sessionRoutes(deps.sessions, {
      secureCookie: new URL(deps.publicUrl).protocol === 'https:',
      privacyUrl: deps.privacyUrl,
      workplaceUrl: deps.workplaceUrl,
      createLimitPerMinute: deps.sessionCreateLimitPerMinute,
      createLimitWindowMs: deps.sessionCreateLimitWindowMs,
      ...(deps.now ? { now: deps.now } : {}),
    }),
  );
  app.use('/admin', noStore, express.json({ limit: API_BODY_LIMIT }), adminRoutes(deps.admin));
  if (deps.casework) app.use(deps.casework);
  app.use(privacyRoutes());
  app.use(staticRoutes(deps.webDistDir, deps.officeName, deps.brand));
  app.use(htmlNotFound);
  app.use(notFound);
  app.use(errorMiddleware(deps.log));
  return app;
}
