/**
 * The workplace's guest routes (issue 15), session-authenticated and CSRF-protected like the waiting estimate:
 *   GET    /clerk/api/appointments/:id/guests              the row's live invitations
 *   POST   /clerk/api/appointments/:id/guests { name, email? }  (Idempotency-Key from the page) → 201 { guest }
 *   DELETE /clerk/api/appointments/:id/guests/:guestId      → 204, again 204
 * The clerk's choice of expiry is the default (the appointment's end + grace): the REST API can set another.
 */
import express, { Router, type RequestHandler } from 'express';
import { guestBody } from '../../http/api/guest-body.ts';
import { idempotencyKey, jsonBody } from '../../http/request-helpers.ts';
import { InvalidInput, NotFound } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { ClerkPrincipal } from '../principal.ts';
import type { WorkplaceGuests } from './workplace-guests.ts';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const clerkGuestBody = guestBody.omit({ expiresAt: true });

export interface GuestRouteDeps {
  guests: WorkplaceGuests;
  principalOf: (req: express.Request) => Promise<ClerkPrincipal>;
  /** Signed in (401) first, then the CSRF check (403). */
  signedInThenCsrf: RequestHandler;
  log: Logger;
}

const idOf = (value: unknown, what: 'appointment' | 'guest') => {
  const id = String(value ?? '').toLowerCase();
  if (!ID.test(id))
    throw new NotFound(`no such ${what}`, { reason: what === 'guest' ? 'guest_not_found' : 'not_found' });
  return id;
};

export function workplaceGuestRoutes(deps: GuestRouteDeps): Router {
  const router = Router();

  router.get('/clerk/api/appointments/:id/guests', async (req, res) => {
    const principal = await deps.principalOf(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: await deps.guests.list(principal, idOf(req.params.id, 'appointment')) });
  });

  router.post(
    '/clerk/api/appointments/:id/guests',
    deps.signedInThenCsrf,
    express.json({ limit: '4kb' }),
    async (req, res) => {
      const principal = await deps.principalOf(req);
      const id = idOf(req.params.id, 'appointment');
      const body = jsonBody(req, clerkGuestBody);
      if (!body.name) throw new InvalidInput('a name is required', { issues: [{ path: 'name', message: 'required' }] });
      const { guest, replayed } = await deps.guests.invite(
        principal,
        id,
        { name: body.name, ...(body.email ? { email: body.email } : {}) },
        idempotencyKey(req),
      );
      // Ids only (STYLE.md 9): never the guest's name or address.
      if (!replayed) deps.log.info({ appointment: id, guest: guest.id }, 'inviteGuest() | guest invited by a clerk');
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json({ guest });
    },
  );

  router.delete('/clerk/api/appointments/:id/guests/:guestId', deps.signedInThenCsrf, async (req, res) => {
    const principal = await deps.principalOf(req);
    const id = idOf(req.params.id, 'appointment');
    const guestId = idOf(req.params.guestId, 'guest');
    if (await deps.guests.withdraw(principal, id, guestId))
      deps.log.info({ appointment: id, guest: guestId }, 'withdrawGuest() | guest invitation withdrawn by a clerk');
    res.status(204).end();
  });

  return router;
}
