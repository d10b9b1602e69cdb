/**
 * The clerk's sign-in (issue 13, docs/clerk-workplace.md "Sign-in", docs/adr/0080):
 *  - GET  /clerk/login?returnTo=/clerk/…  starts OpenID Connect (code + PKCE) and redirects to the provider;
 *  - GET  /clerk/callback                   finishes it: state bound to this browser, code exchanged, ID token
 *                                           checked, session row + cookies, back to returnTo;
 *  - POST /clerk/logout                     (CSRF-protected) ends the session and offers the provider's logout.
 * Without CLERK_OIDC_ISSUER every one of them answers a page saying the sign-in is not configured.
 */
import express, { Router, type Request, type Response } from 'express';
import type { ClerkOidcConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { SignInFailed, type ClerkOidcClient } from '../oidc/oidc-client.ts';
import { identityFromClaims } from './claims.ts';
import type { ClerkSessions } from './clerk-sessions.ts';
import { clearCookie, cookieNames, csrfTokenFor, randomSecret, readCookie, setCookie, sha256 } from './cookies.ts';
import { requireClerkCsrf } from './csrf.ts';
import type { LoginAttemptStore } from './ports.ts';
import { notConfiguredPage, signedOutPage, signInFailedPage, type SignInProblem } from './sign-in-pages.ts';

export interface SignInRoutesDeps {
  /** Null when CLERK_OIDC_ISSUER is unset. */
  oidc: { client: ClerkOidcClient; config: ClerkOidcConfig } | null;
  sessions: ClerkSessions;
  /** The desk ids of CLERK_DESKS_FILE: other groups of the clerk are not desks. */
  knownDesks: ReadonlySet<string>;
  attempts: LoginAttemptStore;
  publicUrl: () => string;
  https: boolean;
  now: () => Date;
  log: Logger;
}

/** A sign-in must come back from the provider within this time. */
const ATTEMPT_TTL_MS = 10 * 60_000;
const DEFAULT_RETURN = '/clerk';

/** `returnTo` if it is a path on this site, else /clerk (no open redirect: `//evil`, `/\evil`, `https:` are refused). */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 500 || /[\\\u0000-\u001f]/.test(value))
    return DEFAULT_RETURN;
  const base = 'http://connector.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : DEFAULT_RETURN;
}

const html = (res: Response, status: number, body: string) =>
  res.status(status).type('text/html; charset=utf-8').send(body);

export function signInRoutes(deps: SignInRoutesDeps): Router {
  const router = Router();
  const names = cookieNames(deps.https);
  const redirectUri = () => `${deps.publicUrl()}/clerk/callback`;
  const refuse = (res: Response, problem: SignInProblem, status = 400, err?: unknown) => {
    const cause = err instanceof SignInFailed ? (err.cause as { name?: string; code?: string } | undefined) : undefined;
    // Only the reason and the error's type: the URL, code and tokens stay out of the log.
    deps.log.info({ problem, cause: cause?.code ?? cause?.name }, 'clerk sign-in refused');
    html(res, status, signInFailedPage(problem));
  };

  router.get('/clerk/login', async (req, res) => {
    if (!deps.oidc) return html(res, 503, notConfiguredPage());
    const now = deps.now();
    const browser = readCookie(req, names.login) ?? randomSecret();
    const attempt = {
      state: randomSecret(),
      nonce: randomSecret(),
      codeVerifier: randomSecret(),
      browserHash: sha256(browser),
      returnTo: safeReturnTo(req.query.returnTo),
      createdAt: now,
    };
    let target: URL;
    try {
      target = await deps.oidc.client.authorizationUrl({ ...attempt, redirectUri: redirectUri() });
    } catch (err) {
      return refuse(res, 'provider_unreachable', 502, err);
    }
    await deps.attempts.deleteOlderThan(new Date(now.getTime() - ATTEMPT_TTL_MS));
    await deps.attempts.save(attempt);
    setCookie(res, names.login, browser, {
      https: deps.https,
      httpOnly: true,
      maxAge: ATTEMPT_TTL_MS / 1000,
      path: '/clerk',
    });
    res.redirect(303, target.href);
  });

  router.get('/clerk/callback', async (req, res) => {
    if (!deps.oidc) return html(res, 503, notConfiguredPage());
    const browser = readCookie(req, names.login);
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    const attempt = browser && state ? await deps.attempts.take(state, sha256(browser)) : null;
    if (!attempt || deps.now().getTime() - attempt.createdAt.getTime() > ATTEMPT_TTL_MS) return refuse(res, 'state');
    if (typeof req.query.error === 'string') return refuse(res, 'provider_error');
    const { config, client } = deps.oidc;
    let claims: Record<string, unknown>;
    try {
      claims = await client.finish(new URL(req.originalUrl, deps.publicUrl()), attempt, [
        config.clerkClaim,
        config.desksClaim,
        'name',
      ]);
    } catch (err) {
      return refuse(
        res,
        err instanceof SignInFailed ? err.reason : 'code_rejected',
        err instanceof SignInFailed && err.reason === 'provider_unreachable' ? 502 : 400,
        err,
      );
    }
    const identity = identityFromClaims(claims, config, deps.knownDesks);
    if (!identity) return refuse(res, 'no_clerk_claim', 403);
    const session = await deps.sessions.start(identity);
    setCookie(res, names.session, session.secret, { https: deps.https, httpOnly: true, maxAge: session.maxAgeSeconds });
    setCookie(res, names.csrf, csrfTokenFor(session.secret), {
      https: deps.https,
      httpOnly: false,
      maxAge: session.maxAgeSeconds,
    });
    clearCookie(res, names.login, { https: deps.https, httpOnly: true, path: '/clerk' });
    deps.log.info({ desks: identity.desks.length }, 'clerk signed in');
    res.redirect(303, attempt.returnTo);
  });

  router.post(
    '/clerk/logout',
    express.urlencoded({ extended: false, limit: '2kb' }),
    requireClerkCsrf({ publicUrl: deps.publicUrl, https: deps.https }),
    async (req: Request, res: Response) => {
      const principal = await deps.sessions.find(readCookie(req, names.session));
      if (principal) await deps.sessions.end(principal.sessionId);
      clearCookie(res, names.session, { https: deps.https, httpOnly: true });
      clearCookie(res, names.csrf, { https: deps.https, httpOnly: false });
      const providerLogout = deps.oidc ? await deps.oidc.client.endSessionUrl(`${deps.publicUrl()}/clerk/login`) : null;
      if (principal) deps.log.info('clerk signed out');
      html(res, 200, signedOutPage(providerLogout?.href ?? null));
    },
  );

  return router;
}
