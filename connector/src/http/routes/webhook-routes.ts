/**
 * `POST /webhooks/<adapter>` for every registered booking adapter. Order of checks, each with its
 * own answer and none with an effect: unconfigured 503 → body over 1 MB 413 → content type 415 →
 * signature/timestamp 401 → JSON 400 → schema 422. Then the use case (idempotent per delivery id).
 */
import express, { Router } from 'express';
import type { RegisteredAdapter } from '../../adapters/registry.ts';
import type { DomainDeps } from '../../domain/ports.ts';
import { syncAppointment } from '../../domain/sync-appointment.ts';
import { HttpError, NotFound } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { parseJsonBody, requireContentType } from '../request-helpers.ts';

/** Largest accepted webhook body. */
export const WEBHOOK_BODY_LIMIT = '1mb';

export function webhookRoutes(adapters: RegisteredAdapter[], deps: DomainDeps, log: Logger): Router {
  const router = Router();
  const rawBody = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });
  for (const { name, adapter } of adapters) {
    // Unconfigured: also answer 503 below the base path (adapters with a path secret).
    const path = adapter ? (adapter.path ?? `/webhooks/${name}`) : [`/webhooks/${name}`, `/webhooks/${name}/*rest`];
    router.post(
      path,
      (_req, _res, next) => {
        if (!adapter)
          throw new HttpError(`the ${name} webhook is not configured on this connector`, {
            status: 503,
            reason: 'not_configured',
          });
        next();
      },
      rawBody,
      async (req, res) => {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        requireContentType(req, adapter!.contentTypes ?? ['application/json']);
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
        );
        const deliveryId = adapter!.authenticate(
          { headers, rawBody: body, params: req.params as Record<string, string> },
          deps.now(),
        );
        const event = await adapter!.parse(parseJsonBody(body));
        if (!event) {
          res.status(200).json({ ignored: true });
          return;
        }
        let answer;
        try {
          answer = await syncAppointment(deps, event, { source: adapter!.source, deliveryId });
        } catch (err) {
          if (!(err instanceof NotFound && event.type === 'cancelled' && adapter!.ignoresUnknownCancellations))
            throw err;
          res.status(200).json({ ignored: true, reason: 'unknown_appointment' });
          return;
        }
        log.info(
          { adapter: name, deliveryId, event: event.type, appointmentId: answer.appointmentId },
          'webhook applied',
        );
        res.status(200).json(answer);
      },
    );
  }
  return router;
}
