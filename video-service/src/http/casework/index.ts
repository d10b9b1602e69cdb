/** Every casework HTTP route (mounted at the root of the service's express app, before its 404). */
import { Router } from 'express';
import type { CaseworkDeps } from '../../casework/deps.ts';
import { caseDocumentsRoutes } from './case-documents-routes.ts';
import { documentsRoutes } from './documents-routes.ts';
import { filesRoutes } from './files-routes.ts';
import { handoffRoutes } from './handoff-routes.ts';
import type { PageOffice } from './page-languages.ts';
import { pageRoutes } from './pages.ts';
import type { ResolveActor } from './session-actor.ts';

export type { ResolveActor } from './session-actor.ts';

/** The office the citizen pages are branded for: the authority and the profile's colours and logo. */
export function officeOf(deps: CaseworkDeps): PageOffice {
  return { name: deps.config.authorityName, brand: deps.config.brand };
}

export function caseworkRoutes(deps: CaseworkDeps, resolve: ResolveActor): Router {
  const router = Router();
  router.use(filesRoutes(deps, resolve));
  router.use(documentsRoutes(deps, resolve));
  router.use(caseDocumentsRoutes(deps, resolve));
  router.use(handoffRoutes(deps));
  router.use(pageRoutes(deps.config.authorityName, officeOf(deps)));
  return router;
}
