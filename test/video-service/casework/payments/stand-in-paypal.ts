/**
 * A stand-in PayPal REST API as a real HTTP server: OAuth2 token, Orders v2 create / show / capture with
 * `PayPal-Request-Id` idempotency, and `verify-webhook-signature`, which checks the signature against the
 * event bytes exactly as spliced into the request. Tests approve orders and send signed webhooks.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Order {
  id: string;
  status: string;
  value: string;
  captureId?: string;
}

export class StandInPayPal {
  readonly clientId = 'pp-client';
  readonly clientSecret = 'pp-secret-Never-Log-7';
  readonly webhookId = 'WH-STANDIN-1';
  readonly signingKey = 'stand-in-signing-key';
  readonly orders = new Map<string, Order>();
  readonly byRequestId = new Map<string, unknown>();
  creates = 0;
  captures = 0;
  verifications = 0;
  url = '';
  readonly #server: Server;

  constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  env(): Record<string, string> {
    return {
      PAYPAL_BASE_URL: this.url,
      PAYPAL_CLIENT_ID: this.clientId,
      PAYPAL_CLIENT_SECRET: this.clientSecret,
      PAYPAL_WEBHOOK_ID: this.webhookId,
    };
  }

  approve(id: string): void {
    this.orders.get(id)!.status = 'APPROVED';
  }

  /** Headers PayPal would send with `raw` (a wrong key makes a forged signature). */
  sign(raw: string, key = this.signingKey): Record<string, string> {
    return {
      'content-type': 'application/json',
      'paypal-auth-algo': 'SHA256withRSA',
      'paypal-cert-url': `${this.url}/certs/stand-in`,
      'paypal-transmission-id': randomUUID(),
      'paypal-transmission-time': new Date().toISOString(),
      'paypal-transmission-sig': createHmac('sha256', key).update(raw).digest('base64'),
    };
  }

  #view(o: Order) {
    return {
      id: o.id,
      status: o.status,
      links: [{ rel: 'payer-action', href: `${this.url}/checkoutnow?token=${o.id}` }],
      ...(o.captureId
        ? {
            payment_source: { paypal: {} },
            purchase_units: [{ payments: { captures: [{ id: o.captureId, status: 'COMPLETED' }] } }],
          }
        : {}),
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, value: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const path = req.url ?? '';
    if (path === '/v1/oauth2/token') {
      const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      return basic === `${this.clientId}:${this.clientSecret}`
        ? json(200, { access_token: `A21.${randomUUID()}`, expires_in: 32400 })
        : json(401, { error: 'invalid_client' });
    }
    if (!/^Bearer A21\./.test(req.headers.authorization ?? '')) return json(401, { name: 'AUTHENTICATION_FAILURE' });
    const requestId = req.headers['paypal-request-id'] as string | undefined;
    if (path === '/v2/checkout/orders' && req.method === 'POST') {
      if (requestId && this.byRequestId.has(requestId)) return json(200, this.byRequestId.get(requestId));
      const request = JSON.parse(body) as { purchase_units: Array<{ amount: { value: string } }> };
      this.creates += 1;
      const order: Order = {
        id: `ORDER${this.creates}${Date.now()}`,
        status: 'PAYER_ACTION_REQUIRED',
        value: request.purchase_units[0]!.amount.value,
      };
      this.orders.set(order.id, order);
      const view = this.#view(order);
      if (requestId) this.byRequestId.set(requestId, view);
      return json(201, view);
    }
    const capture = path.match(/^\/v2\/checkout\/orders\/([^/]+)\/capture$/);
    if (capture && req.method === 'POST') {
      if (requestId && this.byRequestId.has(requestId)) return json(200, this.byRequestId.get(requestId));
      const order = this.orders.get(capture[1]!);
      if (!order) return json(404, { name: 'RESOURCE_NOT_FOUND' });
      if (order.status === 'COMPLETED')
        return json(422, { name: 'UNPROCESSABLE_ENTITY', details: [{ issue: 'ORDER_ALREADY_CAPTURED' }] });
      if (order.status !== 'APPROVED')
        return json(422, { name: 'UNPROCESSABLE_ENTITY', details: [{ issue: 'ORDER_NOT_APPROVED' }] });
      this.captures += 1;
      order.status = 'COMPLETED';
      order.captureId = `CAPTURE${this.captures}`;
      const view = this.#view(order);
      if (requestId) this.byRequestId.set(requestId, view);
      return json(201, view);
    }
    const show = path.match(/^\/v2\/checkout\/orders\/([^/]+)$/);
    if (show && req.method === 'GET') {
      const order = this.orders.get(show[1]!);
      return order ? json(200, this.#view(order)) : json(404, { name: 'RESOURCE_NOT_FOUND' });
    }
    if (path === '/v1/notifications/verify-webhook-signature' && req.method === 'POST') {
      this.verifications += 1;
      const marker = '"webhook_event":';
      const raw = body.slice(body.indexOf(marker) + marker.length, -1);
      const fields = JSON.parse(body) as { webhook_id: string; transmission_sig: string };
      const expected = createHmac('sha256', this.signingKey).update(raw).digest('base64');
      return json(200, {
        verification_status:
          fields.webhook_id === this.webhookId && fields.transmission_sig === expected ? 'SUCCESS' : 'FAILURE',
      });
    }
    json(404, { name: 'RESOURCE_NOT_FOUND' });
  }
}
