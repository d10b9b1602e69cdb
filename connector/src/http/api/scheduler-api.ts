/**
 * Everything this part adds to the connector's HTTP surface: the REST API for schedulers
 * (`/api/appointments…`) and the clerk calendar feed (`/api/clerks/{id}/calendar-link`,
 * `/calendar/clerks/<secret>.ics`). Mounted once in create-http-app.ts.
 */
import { Router } from 'express';
import type { ConnectorConfig } from '../../config.ts';
import type { DomainDeps } from '../../domain/ports.ts';
import type { Logger } from '../../log.ts';
import type { Catalogue } from '../../notify/catalogue.ts';
import { appointmentRoutes } from './appointment-routes.ts';
import { clerkCalendarRoutes } from './clerk-calendar-routes.ts';
import { guestRoutes } from './guest-routes.ts';

export interface SchedulerApiDeps {
  domain: DomainDeps;
  config: Pick<ConnectorConfig, 'apiKeys' | 'timezone'>;
  catalogue: Catalogue;
  publicUrl: () => string;
  log: Logger;
}

export function schedulerApiRoutes(deps: SchedulerApiDeps): Router {
  const router = Router();
  const log = deps.log;
  router.use(
    appointmentRoutes({ domain: deps.domain, apiKeys: deps.config.apiKeys, timezone: deps.config.timezone, log }),
  );
  router.use(guestRoutes({ domain: deps.domain, apiKeys: deps.config.apiKeys, log }));
  router.use(
    clerkCalendarRoutes({
      domain: deps.domain,
      apiKeys: deps.config.apiKeys,
      catalogue: deps.catalogue,
      publicUrl: deps.publicUrl,
      log,
    }),
  );
  return router;
}
