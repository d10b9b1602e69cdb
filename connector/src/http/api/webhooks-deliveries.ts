/**
 * The outbound webhook delivery log and manual replay (docs/outbound-webhooks.md), behind
 * `Authorization: Bearer <API_KEYS entry>`:
 *   GET  /api/webhooks/deliveries?status&endpoint&event&appointmentId&webhookId&before&limit → { items, nextBefore }
 *   GET  /api/webhooks/deliveries/{id}          → the delivery with its payload and attempt log
 *   POST /api/webhooks/deliveries/{id}/replay   → 202, sent again with the same webhook-id
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { InvalidInput, NotFound } from '../../errors.ts';
import {
  getDelivery,
  listDeliveries,
  replayDelivery,
  type WebhookManagementDeps,
} from '../../outbound/webhook-management.ts';
import { requireApiKey } from '../api-key-auth.ts';

const single = z.string({ error: 'must be given once, as text' });
const positive = single.regex(/^[1-9]\d{0,9}$/, 'must be a positive whole number').transform(Number);

const querySchema = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  endpoint: single.uuid().optional(),
  event: single.min(1).max(64).optional(),
  appointmentId: single.uuid().optional(),
  webhookId: single.min(1).max(64).optional(),
  before: positive.optional(),
  limit: positive.pipe(z.number().max(200)).optional(),
});

function deliveryId(req: Request): number {
  const id = String(req.params.id ?? '');
  if (!/^[1-9]\d{0,9}$/.test(id)) throw new NotFound('no delivery with this id', { reason: 'delivery_not_found' });
  return Number(id);
}

export function webhookDeliveryRoutes(deps: WebhookManagementDeps, apiKeys: readonly string[]): Router {
  const router = Router();
  const auth = requireApiKey(apiKeys);

  router.get('/api/webhooks/deliveries', auth, async (req, res) => {
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) {
      throw new InvalidInput('the query parameters are not valid', {
        issues: parsed.error.issues.map((i) => ({
          path: i.path.map(String).join('.') || '(query)',
          message: i.message,
        })),
      });
    }
    const q = parsed.data;
    const limit = q.limit ?? 50;
    const items = await listDeliveries(deps, {
      limit,
      ...(q.status ? { status: q.status } : {}),
      ...(q.endpoint ? { endpointId: q.endpoint } : {}),
      ...(q.event ? { eventType: q.event } : {}),
      ...(q.appointmentId ? { appointmentId: q.appointmentId.toLowerCase() } : {}),
      ...(q.webhookId ? { webhookId: q.webhookId } : {}),
      ...(q.before ? { beforeId: q.before } : {}),
    });
    res.json({ items, nextBefore: items.length === limit ? items[items.length - 1]!.id : null });
  });

  router.get('/api/webhooks/deliveries/:id', auth, async (req, res) => {
    res.json(await getDelivery(deps, deliveryId(req)));
  });

  router.post('/api/webhooks/deliveries/:id/replay', auth, async (req, res) => {
    res.status(202).json(await replayDelivery(deps, deliveryId(req)));
  });

  return router;
}
