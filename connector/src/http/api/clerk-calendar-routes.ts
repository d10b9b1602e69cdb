/**
 * The clerk calendar feed over HTTP:
 *   POST   /api/clerks/{clerkId}/calendar-link  (API key) → 201 { url } — creates or rotates the secret URL
 *   DELETE /api/clerks/{clerkId}/calendar-link  (API key) → 204 — the URL stops working
 *   GET    /calendar/clerks/<secret>.ics        (the secret is the credential) → text/calendar, ETag / 304
 * The feed URL holds a secret: it is never logged (the request log records route patterns only).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { clerkFeed, createClerkCalendarLink, removeClerkCalendarLink } from '../../calendar/clerk-feed.ts';
import { renderClerkFeed } from '../../calendar/clerk-feed-ics.ts';
import type { DomainDeps } from '../../domain/ports.ts';
import { InvalidInput, NotFound } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { Catalogue } from '../../notify/catalogue.ts';
import { requireApiKey } from '../api-key-auth.ts';
import { header } from '../request-helpers.ts';

export interface ClerkCalendarRouteDeps {
  domain: DomainDeps;
  apiKeys: readonly string[];
  catalogue: Catalogue;
  publicUrl: () => string;
  log: Logger;
}

const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;
const clerkIdSchema = z.string().trim().min(1, 'must not be empty').max(128, 'at most 128 characters');

function clerkIdOf(req: Request): string {
  const parsed = clerkIdSchema.safeParse(req.params.clerkId);
  if (!parsed.success)
    throw new InvalidInput('the clerk id is not valid', {
      issues: [{ path: 'clerkId', message: parsed.error.issues[0]!.message }],
    });
  return parsed.data;
}

export function clerkCalendarRoutes(deps: ClerkCalendarRouteDeps): Router {
  const router = Router();
  const auth = requireApiKey(deps.apiKeys);

  router.post('/api/clerks/:clerkId/calendar-link', auth, async (req, res) => {
    const clerkId = clerkIdOf(req);
    const { secret } = await createClerkCalendarLink(deps.domain, clerkId);
    deps.log.info('createClerkCalendarLink() | clerk calendar link created');
    res.status(201).json({ url: `${deps.publicUrl()}/calendar/clerks/${secret}.ics` });
  });

  router.delete('/api/clerks/:clerkId/calendar-link', auth, async (req, res) => {
    await removeClerkCalendarLink(deps.domain, clerkIdOf(req));
    res.status(204).end();
  });

  router.get('/calendar/clerks/:file', async (req, res) => {
    const secret = FEED_FILE.exec(req.params.file)?.[1];
    if (!secret) throw new NotFound('no such calendar');
    const feed = await clerkFeed(deps.domain, secret);
    const etag = `W/"${feed.version}"`;
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('ETag', etag);
    const ifNoneMatch = header(req, 'if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      res.status(304).end();
      return;
    }
    const ics = renderClerkFeed(feed, {
      catalogue: deps.catalogue,
      uidDomain: new URL(deps.publicUrl()).hostname,
      clerkLink: (appointment) => deps.domain.links.currentLinks(appointment).clerk,
    });
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', 'inline; filename="video-termine.ics"');
    res.send(ics);
  });

  return router;
}
