/**
 * GET /clerk until the workplace (issue 13 item 2, connector/src/clerk/workplace/) takes the route over:
 * signed-out browsers go to the sign-in, signed-in clerks see who they are and a sign-out button.
 */
import { Router } from 'express';
import type { AuthenticateClerk } from '../principal.ts';
import { cookieNames, csrfTokenFor, readCookie } from './cookies.ts';
import { workplacePlaceholderPage } from './sign-in-pages.ts';

/** Where a signed-out browser asking for `path` is sent. */
export const signInPathFor = (path: string): string => `/clerk/login?returnTo=${encodeURIComponent(path).replace(/%2F/g, '/')}`;

export function workplacePlaceholderRoutes(authenticate: AuthenticateClerk, https: boolean): Router {
  const router = Router();
  router.get('/clerk', async (req, res) => {
    const principal = await authenticate(req);
    if (!principal) return res.redirect(303, signInPathFor('/clerk'));
    const secret = readCookie(req, cookieNames(https).session)!;
    res.type('text/html; charset=utf-8').send(workplacePlaceholderPage(principal.name, csrfTokenFor(secret)));
  });
  return router;
}
