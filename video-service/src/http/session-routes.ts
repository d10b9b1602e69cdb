/**
 * The session API (contract/session.ts): trade the join token for a session (POST), renew it (GET), end it
 * (DELETE). The session travels as `Authorization: Bearer <sessionToken>` or the `va_session` cookie.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { SESSION_COOKIE, type SessionInfo } from '../contract/session.ts';
import { InvalidInput, Unauthorized } from '../errors.ts';
import {
  createSession,
  createSessionFromLink,
  endSession,
  resumeSession,
  type SessionDeps,
} from '../sessions/sessions.ts';
import { LinkResolverUnavailable } from '../tokens/link-resolver.ts';
import { MAX_TOKEN_LENGTH } from '../tokens/verify-join-token.ts';
import { readCookie, sessionCookieOptions } from './cookies.ts';
import { rateLimit } from './rate-limit.ts';

/** A full link's token, or a short link's id (docs/join-token.md): exactly one of the two. */
const createBody = z.union([
  z.object({ token: z.string().min(1).max(MAX_TOKEN_LENGTH), linkId: z.undefined().optional() }),
  z.object({ linkId: z.string().min(1).max(64), token: z.undefined().optional() }),
]);
/** How long the page waits before asking again when the link resolver cannot answer. */
const RESOLVER_RETRY_AFTER_SECONDS = 5;

function sessionTokenOf(req: Request): string | undefined {
  const auth = req.get('authorization');
  const bearer = auth?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? readCookie(req.get('cookie'), SESSION_COOKIE);
}

export function sessionRoutes(
  deps: SessionDeps,
  options: {
    secureCookie: boolean;
    privacyUrl: string;
    workplaceUrl?: string | undefined;
    createLimitPerMinute: number;
    createLimitWindowMs: number;
    now?: () => number;
  },
): Router {
  // The workplace link goes to clerks only: a citizen has no business with the clerks' start page.
  const links = (role: SessionInfo['role']): Pick<SessionInfo, 'privacyUrl' | 'workplaceUrl'> => ({
    privacyUrl: options.privacyUrl,
    ...(role === 'clerk' && options.workplaceUrl ? { workplaceUrl: options.workplaceUrl } : {}),
  });
  const router = Router();
  const cookie = (expires?: Date) => sessionCookieOptions(options.secureCookie, expires);

  router.post(
    '/session',
    rateLimit({
      limit: options.createLimitPerMinute,
      windowMs: options.createLimitWindowMs,
      ...(options.now ? { now: options.now } : {}),
    }),
    async (req, res) => {
      if (!req.is('application/json')) {
        res.status(415).json({ error: 'invalid_input', message: 'Send the token as application/json.' });
        return;
      }
      const body = createBody.safeParse(req.body);
      if (!body.success)
        throw new InvalidInput('The body must be { "token": "<join token>" } or { "linkId": "<link id>" }.');
      let info;
      try {
        info =
          body.data.token !== undefined
            ? await createSession(deps, body.data.token)
            : await createSessionFromLink(deps, body.data.linkId!);
      } catch (error) {
        if (!(error instanceof LinkResolverUnavailable)) throw error;
        // The issuer cannot say what the link means right now: not the citizen's fault, and not a refusal.
        deps.log.warn(
          { err: { name: error.name, message: error.message } },
          'POST /session | link resolver unavailable',
        );
        res.setHeader('Retry-After', String(RESOLVER_RETRY_AFTER_SECONDS));
        res.status(503).json({
          error: 'unavailable',
          message: 'The service cannot check this link right now; please try again in a moment.',
        });
        return;
      }
      res.cookie(SESSION_COOKIE, info.sessionToken, cookie(new Date(info.expiresAt)));
      res.status(201).json({ ...info, ...links(info.role) } satisfies SessionInfo);
    },
  );

  router.get('/session', async (req, res) => {
    const token = sessionTokenOf(req);
    if (!token) throw new Unauthorized('No session. Please open your link again.', { reason: 'invalid' });
    const { info } = await resumeSession(deps, token);
    res.cookie(SESSION_COOKIE, info.sessionToken, cookie(new Date(info.expiresAt)));
    res.json({ ...info, ...links(info.role) } satisfies SessionInfo);
  });

  router.delete('/session', async (req, res) => {
    const token = sessionTokenOf(req);
    if (token) await endSession(deps, token);
    res.clearCookie(SESSION_COOKIE, cookie());
    res.status(204).end();
  });

  return router;
}
