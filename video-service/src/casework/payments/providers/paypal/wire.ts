/**
 * PayPal Orders v2 and webhooks as we use them (developer.paypal.com/docs/api/orders/v2/,
 * /docs/api/webhooks/v1/#verify-webhook-signature). Only the fields we read are parsed.
 */
import { z } from 'zod';

const link = z.object({ href: z.string(), rel: z.string() });
const capture = z.object({ id: z.string(), status: z.string() });

export const orderSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  links: z.array(link).optional(),
  payment_source: z.record(z.string(), z.unknown()).optional(),
  purchase_units: z
    .array(z.object({ payments: z.object({ captures: z.array(capture).optional() }).optional() }))
    .optional(),
});
export type PayPalOrder = z.infer<typeof orderSchema>;

export const webhookEventSchema = z.object({
  id: z.string().min(1).max(128),
  event_type: z.string(),
  resource: z
    .object({
      id: z.string().optional(),
      supplementary_data: z
        .object({ related_ids: z.object({ order_id: z.string().optional() }).optional() })
        .optional(),
    })
    .passthrough()
    .optional(),
});

export const issueOf = (body: unknown): string | null => {
  const details = (body as { details?: Array<{ issue?: unknown }> } | null)?.details;
  const issue = Array.isArray(details) ? details[0]?.issue : undefined;
  return typeof issue === 'string'
    ? issue
    : typeof (body as { name?: unknown } | null)?.name === 'string'
      ? (body as { name: string }).name
      : null;
};

export const amountOf = (cents: number) => (cents / 100).toFixed(2);
