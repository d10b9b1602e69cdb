/**
 * PayPal Orders v2: create an order with `PayPal-Request-Id` = our requestId (a retry returns the same
 * order), the citizen approves on PayPal's page, we capture (again with a stable request id, so a second
 * capture attempt cannot charge twice). The order re-read from PayPal is the truth; webhooks only say
 * "read it now" and are accepted after `verify-webhook-signature` on the raw body.
 */
import { Unauthorized } from '../../../../errors.ts';
import type { PaymentConfig } from '../../payment-config.ts';
import { ClientCredentials, requestJson, type JsonAnswer } from '../http-client.ts';
import { ProviderRejected, ProviderUnavailable, type PaymentProvider, type ProviderStatus } from '../provider.ts';
import { amountOf, issueOf, orderSchema, webhookEventSchema, type PayPalOrder } from './wire.ts';

type PayPalConfig = NonNullable<PaymentConfig['paypal']>;

const PENDING = new Set(['CREATED', 'SAVED', 'PAYER_ACTION_REQUIRED', 'APPROVED']);

function statusOf(order: PayPalOrder): ProviderStatus {
  const captured = order.purchase_units?.[0]?.payments?.captures?.[0];
  const paidWith = order.payment_source ? (Object.keys(order.payment_source)[0]?.toUpperCase() ?? 'PAYPAL') : 'PAYPAL';
  if (order.status === 'COMPLETED' && captured) {
    if (captured.status === 'COMPLETED') return { state: 'paid', kassenzeichen: captured.id, paidWith };
    if (captured.status === 'DECLINED' || captured.status === 'FAILED')
      return { state: 'failed', kassenzeichen: captured.id, detail: `capture ${captured.status.toLowerCase()}` };
    return { state: 'pending', kassenzeichen: captured.id };
  }
  if (order.status === 'VOIDED') return { state: 'cancelled', detail: 'order voided' };
  return { state: 'pending' };
}

export function createPayPalProvider(c: PayPalConfig, o: { timeoutMs?: number } = {}): PaymentProvider {
  const credentials = new ClientCredentials({
    tokenUrl: `${c.baseUrl}/v1/oauth2/token`,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    provider: 'PayPal',
  });

  async function call(method: 'GET' | 'POST', path: string, body?: string, requestId?: string): Promise<JsonAnswer> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await credentials.token();
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(requestId ? { 'paypal-request-id': requestId } : {}),
      };
      const answer = await requestJson(
        `${c.baseUrl}${path}`,
        { method, headers, ...(body !== undefined ? { body } : {}), timeoutMs: o.timeoutMs ?? 15_000 },
        'PayPal',
      );
      if (answer.status === 401 && attempt === 0) {
        credentials.reset();
        continue;
      }
      return answer;
    }
  }

  const order = (answer: JsonAnswer): PayPalOrder => {
    const parsed = orderSchema.safeParse(answer.body);
    if (!parsed.success) throw new ProviderUnavailable('PayPal answered an order it does not document');
    return parsed.data;
  };
  const refuse = (answer: JsonAnswer, what: string): never => {
    throw new ProviderRejected(
      issueOf(answer.body) ?? 'UNPROCESSABLE',
      `PayPal refused to ${what} (HTTP ${answer.status}${issueOf(answer.body) ? `, ${issueOf(answer.body)}` : ''})`,
    );
  };

  async function read(ref: string): Promise<PayPalOrder> {
    const answer = await call('GET', `/v2/checkout/orders/${encodeURIComponent(ref)}`);
    if (answer.status !== 200) refuse(answer, 'show the order');
    return order(answer);
  }

  return {
    name: 'paypal',
    async create(r) {
      const body = {
        intent: 'CAPTURE',
        purchase_units: [
          {
            reference_id: r.paymentId,
            custom_id: r.paymentId,
            description: r.description.slice(0, 127),
            soft_descriptor: r.purpose.slice(0, 22),
            amount: { currency_code: 'EUR', value: amountOf(r.amountCents) },
          },
        ],
        payment_source: {
          paypal: {
            experience_context: {
              user_action: 'PAY_NOW',
              shipping_preference: 'NO_SHIPPING',
              return_url: r.returnUrl,
              cancel_url: r.cancelUrl,
            },
          },
        },
      };
      const answer = await call('POST', '/v2/checkout/orders', JSON.stringify(body), r.requestId);
      if (answer.status !== 200 && answer.status !== 201) refuse(answer, 'create the order');
      const created = order(answer);
      const approve = created.links?.find((l) => l.rel === 'payer-action' || l.rel === 'approve')?.href ?? null;
      const status = statusOf(created);
      if (status.state === 'pending' && !approve)
        throw new ProviderUnavailable('PayPal answered without an approval link');
      return { ref: created.id, payUrl: status.state === 'pending' ? approve : null, status };
    },
    async status(ref, requestId) {
      const current = await read(ref);
      if (current.status !== 'APPROVED') return statusOf(current);
      // Approved: capture now. The stable request id makes a second capture return the first one's result.
      const answer = await call(
        'POST',
        `/v2/checkout/orders/${encodeURIComponent(ref)}/capture`,
        '{}',
        `${requestId}-capture`,
      );
      if (answer.status === 200 || answer.status === 201) return statusOf(order(answer));
      if (issueOf(answer.body) === 'ORDER_ALREADY_CAPTURED') return statusOf(await read(ref));
      if (issueOf(answer.body) === 'INSTRUMENT_DECLINED')
        return {
          state: 'pending',
          detail: 'PayPal declined the funding source; the citizen may choose another on PayPal',
        };
      return refuse(answer, 'capture the order');
    },
    async verifyWebhook(raw, headers) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new Unauthorized('not a PayPal webhook event', { reason: 'invalid' });
      }
      const event = webhookEventSchema.safeParse(parsed);
      if (!event.success) throw new Unauthorized('not a PayPal webhook event', { reason: 'invalid' });
      const h = (name: string) => headers[name] ?? '';
      // webhook_event is spliced in as received: re-serialising could change the bytes PayPal signed.
      const body = `{"auth_algo":${JSON.stringify(h('paypal-auth-algo'))},"cert_url":${JSON.stringify(h('paypal-cert-url'))},"transmission_id":${JSON.stringify(h('paypal-transmission-id'))},"transmission_sig":${JSON.stringify(h('paypal-transmission-sig'))},"transmission_time":${JSON.stringify(h('paypal-transmission-time'))},"webhook_id":${JSON.stringify(c.webhookId)},"webhook_event":${raw.toString('utf8')}}`;
      const answer = await call('POST', '/v1/notifications/verify-webhook-signature', body);
      if (
        answer.status !== 200 ||
        (answer.body as { verification_status?: unknown } | null)?.verification_status !== 'SUCCESS'
      )
        throw new Unauthorized('the PayPal webhook signature does not verify', { reason: 'invalid' });
      const resource = event.data.resource;
      const ref = event.data.event_type.startsWith('CHECKOUT.ORDER.')
        ? (resource?.id ?? null)
        : (resource?.supplementary_data?.related_ids?.order_id ?? null);
      return { eventId: event.data.id, ref };
    },
  };
}
