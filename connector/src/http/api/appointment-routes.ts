/**
 * REST API for schedulers (docs/rest-api.md, docs/openapi.yaml), every route behind
 * `Authorization: Bearer <API_KEYS entry>`:
 *   POST /api/appointments                  (generic `appointment` object; optional Idempotency-Key) → 201
 *   GET  /api/appointments?from&to&clerk&source&externalId&status&limit → { items }
 *   GET  /api/appointments/{id}
 *   POST /api/appointments/{id}/cancel      (optional { reason })
 *   POST /api/appointments/{id}/links       (reissue: new links, the old ones revoked)
 *   …/{id}/guests                            guest invitations (guest-routes.ts)
 * Thin edge: authenticate, parse, call one use case, render the appointment JSON.
 */
import { createHash } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { genericAppointmentSchema } from '../../adapters/generic/schema.ts';
import { bookingFromGenericAppointment } from '../../adapters/generic/generic-adapter.ts';
import type { DomainDeps } from '../../domain/ports.ts';
import {
  cancelAppointmentFromApi,
  createAppointmentFromApi,
  getAppointment,
  listAppointments,
  reissueLinksFromApi,
  type IdempotencyContext,
} from '../../domain/scheduler-appointments.ts';
import { InvalidInput, NotFound } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { apiClientOf, requireApiKey } from '../api-key-auth.ts';
import { header, idempotencyKey, jsonBody } from '../request-helpers.ts';
import { toAppointmentJson } from './appointment-json.ts';
import { parseListQuery } from './list-query.ts';

export interface ApiRouteDeps {
  domain: DomainDeps;
  /** API_KEYS */
  apiKeys: readonly string[];
  /** TIMEZONE: days in list queries and appointments without a zone. */
  timezone: string;
  log: Logger;
}

/** Largest accepted request body. */
export const API_BODY_LIMIT = '1mb';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const cancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

/** The `{id}` path parameter; anything that is not a connector id cannot exist (404). */
function appointmentId(req: Request): string {
  const id = String(req.params.id ?? '').toLowerCase();
  if (!ID.test(id)) throw new NotFound('no appointment with this id', { reason: 'appointment_not_found' });
  return id;
}

const hasBody = (req: Request) =>
  Number(header(req, 'content-length') ?? 0) > 0 || header(req, 'transfer-encoding') !== undefined;

export function appointmentRoutes(deps: ApiRouteDeps): Router {
  const router = Router();
  const auth = requireApiKey(deps.apiKeys);
  const json = express.json({ limit: API_BODY_LIMIT });
  const log = deps.log;

  router.post('/api/appointments', auth, json, async (req, res) => {
    const body = jsonBody(req, genericAppointmentSchema);
    const key = idempotencyKey(req);
    const idempotency: IdempotencyContext | undefined = key
      ? {
          client: apiClientOf(res),
          key,
          requestHash: createHash('sha256').update(JSON.stringify(req.body)).digest('hex'),
        }
      : undefined;
    const result = await createAppointmentFromApi(
      deps.domain,
      bookingFromGenericAppointment(body, deps.timezone),
      idempotency,
    );
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    else log.info({ appointmentId: result.appointment.id }, 'createAppointmentFromApi() | appointment created');
    res.status(201).location(`/api/appointments/${result.appointment.id}`).json(toAppointmentJson(result));
  });

  router.get('/api/appointments', auth, async (req, res) => {
    const query = parseListQuery(req.query, deps.timezone);
    const items = await listAppointments(deps.domain, query);
    res.json({ items: items.map(toAppointmentJson) });
  });

  router.get('/api/appointments/:id', auth, async (req, res) => {
    res.json(toAppointmentJson(await getAppointment(deps.domain, appointmentId(req))));
  });

  router.post('/api/appointments/:id/cancel', auth, json, async (req, res) => {
    const id = appointmentId(req);
    const { reason } = hasBody(req) ? jsonBody(req, cancelBody) : {};
    const result = await cancelAppointmentFromApi(deps.domain, id, reason);
    log.info({ appointmentId: id }, 'cancelAppointmentFromApi() | appointment cancelled');
    res.json(toAppointmentJson(result));
  });

  router.post('/api/appointments/:id/links', auth, async (req, res) => {
    const id = appointmentId(req);
    const result = await reissueLinksFromApi(deps.domain, id);
    log.info({ appointmentId: id }, 'reissueLinksFromApi() | links reissued');
    res.json(toAppointmentJson(result));
  });

  return router;
}
