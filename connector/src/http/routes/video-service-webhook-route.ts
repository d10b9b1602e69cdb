/**
 * `POST /webhooks/video-service`: the video service's event webhooks (Standard Webhooks, signed with
 * VIDEO_EVENTS_WEBHOOK_SECRET). Checks in order, none with an effect: unconfigured 503 → body over
 * 256 KB 413 → content type 415 → signature/timestamp 401 → JSON 400 → schema 422. Then the use case,
 * idempotent per webhook id. Event types the connector does not act on get 202 `{ ignored: true }`.
 */
import express, { Router } from 'express';
import type { DomainDeps } from '../../domain/ports.ts';
import { recordCaseEvent } from '../../domain/case-events.ts';
import { recordPaymentEvent } from '../../domain/payment-events.ts';
import { recordRoomEvent } from '../../domain/room-events.ts';
import { HttpError, InvalidInput } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import { verify } from '../../tokens/standard-webhooks.ts';
import { caseEventBodySchema, isCaseEventType, toCaseEvent } from '../../video-admin/case-event-schema.ts';
import { isPaymentEventType, paymentEventBodySchema, toPaymentEvent } from '../../video-admin/payment-event-schema.ts';
import { roomEventBodySchema, toRoomEvent } from '../../video-admin/room-event-schema.ts';
import { header, parseJsonBody, requireContentType } from '../request-helpers.ts';

/** `videoPublicUrl`: where the connector's links point; a case event's documents link must point there too. */
export function videoServiceWebhookRoute(
  secret: string | undefined,
  deps: Pick<DomainDeps, 'uow' | 'now' | 'roomChanged'>,
  log: Logger,
  videoPublicUrl: string,
): Router {
  const router = Router();
  router.post(
    '/webhooks/video-service',
    (_req, _res, next) => {
      if (!secret)
        throw new HttpError('VIDEO_EVENTS_WEBHOOK_SECRET is not set on this connector', {
          status: 503,
          reason: 'not_configured',
        });
      next();
    },
    express.raw({ type: () => true, limit: '256kb' }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      requireContentType(req, ['application/json']);
      const webhookId = verify(
        secret!,
        {
          id: header(req, 'webhook-id'),
          timestamp: header(req, 'webhook-timestamp'),
          signature: header(req, 'webhook-signature'),
        },
        body,
        deps.now(),
      );
      const json = parseJsonBody(body);
      if (isCaseEventType((json as { type?: unknown } | null)?.type)) {
        const parsedCase = caseEventBodySchema.safeParse(json);
        if (!parsedCase.success) {
          throw new InvalidInput('the body does not match the schema', {
            issues: parsedCase.error.issues.map((i) => ({
              path: i.path.map(String).join('.') || '(body)',
              message: i.message,
            })),
          });
        }
        const event = toCaseEvent(parsedCase.data);
        const answer = await recordCaseEvent(deps, videoPublicUrl, event, webhookId);
        log.info(
          { webhookId, event: event.type, room: event.roomId, duplicate: answer.duplicate, mailed: answer.mailed },
          'video-service case event applied',
        );
        res.status(200).json({ received: true, ...answer });
        return;
      }
      if (isPaymentEventType((json as { type?: unknown } | null)?.type)) {
        const parsedPayment = paymentEventBodySchema.safeParse(json);
        if (!parsedPayment.success) {
          throw new InvalidInput('the body does not match the schema', {
            issues: parsedPayment.error.issues.map((i) => ({
              path: i.path.map(String).join('.') || '(body)',
              message: i.message,
            })),
          });
        }
        const event = toPaymentEvent(parsedPayment.data);
        const answer = await recordPaymentEvent(deps, event, webhookId);
        log.info(
          {
            webhookId,
            event: event.type,
            room: event.roomId,
            duplicate: answer.duplicate,
            announced: answer.announced,
          },
          'video-service payment event applied',
        );
        res.status(200).json({ received: true, ...answer });
        return;
      }
      const parsed = roomEventBodySchema.safeParse(json);
      if (!parsed.success) {
        throw new InvalidInput('the body does not match the schema', {
          issues: parsed.error.issues.map((i) => ({
            path: i.path.map(String).join('.') || '(body)',
            message: i.message,
          })),
        });
      }
      const event = toRoomEvent(parsed.data, deps.now());
      if (event === null) {
        res.status(202).json({ ignored: true });
        return;
      }
      if ('issues' in event) throw new InvalidInput('the body does not match the schema', { issues: event.issues });
      const answer = await recordRoomEvent(deps, event, webhookId);
      log.info(
        { webhookId, event: event.type, room: event.roomId, duplicate: answer.duplicate, announced: answer.announced },
        'video-service event applied',
      );
      res.status(200).json({ received: true, ...answer });
    },
  );
  return router;
}
