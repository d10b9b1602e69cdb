/**
 * The workplace's HTTP edge (thin: authenticate, parse, call one use case, answer):
 *   GET  /clerk                                  the page (unauthenticated → /clerk/login?returnTo=…)
 *   GET  /clerk/assets/*                         its bundle
 *   GET  /clerk/api/appointments?date=YYYY-MM-DD the rows of a day (default today in TIMEZONE)
 *   GET  /clerk/api/live                         Server-Sent Events (live-channel.ts)
 *   POST /clerk/api/desks/:desk/take-next        the longest-waiting citizen of the desk (CSRF-protected)
 *   POST /clerk/api/appointments/:id/waiting-estimate { minutes }  tell the waiting citizen (CSRF-protected)
 *   …/clerk/api/appointments/:id/guests          guest invitations (guest-routes.ts)
 * Unauthenticated API and live requests get 401 JSON. Every route checks the principal on the server.
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { HttpError, InvalidInput, Unauthorized } from '../../errors.ts';
import { jsonBody } from '../../http/request-helpers.ts';
import type { Logger } from '../../log.ts';
import type { AuthenticateClerk, ClerkPrincipal } from '../principal.ts';
import type { Desk } from './desks.ts';
import type { LiveChannel } from './live-channel.ts';
import { workplaceShell } from './page-shell.ts';
import { cookieValue, CSRF_COOKIE } from './csrf.ts';
import type { Workplace } from './workplace.ts';
import { workplaceGuestRoutes } from './guest-routes.ts';
import type { WorkplaceGuests } from './workplace-guests.ts';

export interface WorkplaceRouteDeps {
  workplace: Workplace;
  /** "Person einladen" (issue 15); without it the guest routes are not mounted. */
  guests?: WorkplaceGuests;
  live: LiveChannel;
  desks: Desk[];
  authenticate: AuthenticateClerk;
  csrf: RequestHandler;
  /** The built page bundle (connector/web/workplace/dist). */
  assetsDir: string;
  log: Logger;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DESK = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const APPOINTMENT_ID = /^[A-Za-z0-9_-]{1,36}$/;
/** The estimate's minutes as the video service accepts them (0 = "any moment now"). */
const estimateBody = z.object({ minutes: z.number().int().min(0).max(120) }).strict();

export function workplaceRoutes(deps: WorkplaceRouteDeps): Router {
  const router = Router();

  const principalOf = async (req: Request): Promise<ClerkPrincipal> => {
    const principal = await deps.authenticate(req);
    if (!principal) throw new Unauthorized('sign in at /clerk/login first', { reason: 'unauthenticated' });
    return principal;
  };

  router.get('/clerk', async (req: Request, res: Response) => {
    const principal = await deps.authenticate(req);
    if (!principal) {
      res.redirect(303, `/clerk/login?returnTo=${encodeURIComponent(req.originalUrl).replace(/%2F/g, '/')}`);
      return;
    }
    if (!existsSync(deps.assetsDir)) {
      res.status(503).type('text/plain').send('The workplace page is not built: run `npm run build`.');
      return;
    }
    const csrfToken = cookieValue(req.header('cookie'), CSRF_COOKIE);
    res.type('html').send(workplaceShell(csrfToken ? { name: principal.name, csrfToken } : undefined));
  });

  router.use(
    '/clerk/assets',
    express.static(deps.assetsDir, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }),
  );

  router.get('/clerk/api/appointments', async (req, res) => {
    const principal = await principalOf(req);
    const date = typeof req.query.date === 'string' && req.query.date !== '' ? req.query.date : deps.workplace.today();
    if (!DAY.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new InvalidInput('date must be YYYY-MM-DD', { issues: [{ path: 'date', message: 'must be YYYY-MM-DD' }] });
    }
    const items = await deps.workplace.list(principal, date);
    res.json({
      date,
      today: deps.workplace.today(),
      timezone: deps.workplace.timezone,
      me: {
        id: principal.id,
        name: principal.name,
        desks: deps.desks.filter((d) => principal.desks.includes(d.id)).map((d) => ({ id: d.id, name: d.name })),
      },
      items,
    });
  });

  router.get('/clerk/api/live', async (req, res) => {
    const principal = await principalOf(req);
    await deps.live.open(req, res, principal);
  });

  // Authentication first (401), then CSRF (403): an expired session is told to sign in again.
  const signedInThenCsrf: RequestHandler = async (req, res, next) => {
    await principalOf(req);
    deps.csrf(req, res, next);
  };

  router.post(
    '/clerk/api/appointments/:id/waiting-estimate',
    signedInThenCsrf,
    express.json({ limit: '1kb' }),
    async (req, res) => {
      const principal = await principalOf(req);
      const id = String(req.params.id);
      if (!APPOINTMENT_ID.test(id))
        throw new InvalidInput('no such appointment', { issues: [{ path: 'id', message: 'unknown' }] });
      const { minutes } = jsonBody(req, estimateBody);
      const row = await deps.workplace.sendWaitingEstimate(principal, id, minutes);
      if (!row)
        throw new HttpError('The video service did not answer. Please try again.', {
          status: 502,
          reason: 'video_service_unreachable',
        });
      // Ids and the number only (STYLE.md 9).
      deps.log.info({ appointment: id, minutes }, 'sendWaitingEstimate() | waiting time sent');
      res.json({ row });
    },
  );

  router.post('/clerk/api/desks/:desk/take-next', signedInThenCsrf, async (req, res) => {
    const principal = await principalOf(req);
    const desk = String(req.params.desk);
    if (!DESK.test(desk))
      throw new InvalidInput('no such desk', { issues: [{ path: 'desk', message: 'unknown desk' }] });
    const row = await deps.workplace.takeNext(principal, desk);
    // Ids only (STYLE.md 9): never the citizen's or the clerk's name.
    deps.log.info({ appointment: row.id, desk }, 'takeNext() | citizen taken from the queue');
    res.json({ row });
  });

  if (deps.guests)
    router.use(workplaceGuestRoutes({ guests: deps.guests, principalOf, signedInThenCsrf, log: deps.log }));

  return router;
}
