/**
 * REST API for guest invitations (issue 15, docs/rest-api.md "Guests"), behind the API key:
 *   POST   /api/appointments/{id}/guests { name, email?, expiresAt? }  (Idempotency-Key recommended) → 201
 *   GET    /api/appointments/{id}/guests                               → { items }
 *   DELETE /api/appointments/{id}/guests/{guestId}                     → 204, again 204
 * Thin edge: authenticate, parse, call one use case (domain/guest-invitations.ts), answer.
 */
import express, { Router, type Request } from 'express';
import { inviteGuest, listGuests, withdrawGuest } from '../../domain/guest-invitations.ts';
import type { DomainDeps } from '../../domain/ports.ts';
import { NotFound } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { apiClientOf, requireApiKey } from '../api-key-auth.ts';
import { idempotencyKey, jsonBody } from '../request-helpers.ts';
import { guestBody } from './guest-body.ts';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A path id; anything that is not a connector id cannot exist (404). */
function idParam(req: Request, name: 'id' | 'guestId'): string {
  const id = String(req.params[name] ?? '').toLowerCase();
  if (!ID.test(id)) {
    throw name === 'id'
      ? new NotFound('no appointment with this id', { reason: 'appointment_not_found' })
      : new NotFound('no guest invitation with this id', { reason: 'guest_not_found' });
  }
  return id;
}

export function guestRoutes(deps: { domain: DomainDeps; apiKeys: readonly string[]; log: Logger }): Router {
  const router = Router();
  const auth = requireApiKey(deps.apiKeys);

  router.post('/api/appointments/:id/guests', auth, express.json({ limit: '4kb' }), async (req, res) => {
    const id = idParam(req, 'id');
    const body = jsonBody(req, guestBody);
    const key = idempotencyKey(req);
    const { guest, replayed } = await inviteGuest(deps.domain, id, {
      name: body.name,
      ...(body.email ? { email: body.email } : {}),
      ...(body.expiresAt ? { expiresAt: new Date(body.expiresAt) } : {}),
      ...(key ? { requestKey: `api:${apiClientOf(res)}:${key}` } : {}),
      by: 'api',
    });
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    // Ids only (STYLE.md 9): never the guest's name or address.
    else deps.log.info({ appointmentId: id, guestId: guest.id }, 'inviteGuest() | guest invited');
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).location(`/api/appointments/${id}/guests/${guest.id}`).json(guest);
  });

  router.get('/api/appointments/:id/guests', auth, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ items: await listGuests(deps.domain, idParam(req, 'id')) });
  });

  router.delete('/api/appointments/:id/guests/:guestId', auth, async (req, res) => {
    const id = idParam(req, 'id');
    const guestId = idParam(req, 'guestId');
    if (await withdrawGuest(deps.domain, id, guestId))
      deps.log.info({ appointmentId: id, guestId }, 'withdrawGuest() | guest invitation withdrawn');
    res.status(204).end();
  });

  return router;
}
