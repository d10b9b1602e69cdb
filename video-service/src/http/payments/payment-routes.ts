/**
 * Payments over HTTP: the sealed receipt or fee notice for participants of the room (session), the
 * sandbox pay page, the return page, PayPal's webhook (verified on the raw body, deduplicated on the
 * event id, answered at once; the order is then re-read from PayPal) and the treasury export for the admin
 * API (`Authorization: Bearer <service token>`).
 */
import express, { Router } from 'express';
import { z } from 'zod';
import type { CaseworkDeps } from '../../casework/deps.ts';
import { paymentDocument } from '../../casework/payments/payment-document-access.ts';
import { refreshById, refreshPayment } from '../../casework/payments/refresh-payment.ts';
import { treasuryCsv, treasuryExport } from '../../casework/payments/treasury-export.ts';
import { InvalidInput, NotFound, Unauthorized } from '../../errors.ts';
import { errorFields } from '../../log.ts';
import type { AdminClaims } from '../../tokens/verify-admin-token.ts';
import { actorOfRequest, type ResolveActor } from '../casework/session-actor.ts';
import { readRawBody } from '../casework/raw-body.ts';
import { noStore } from '../security-headers.ts';
import { returnPage, sandboxPayPage } from './pay-pages.ts';

const WEBHOOK_LIMIT = 256 * 1024;
const uuid = z.uuid();
const DAY_MS = 24 * 3600_000;

export function paymentRoutes(
  deps: CaseworkDeps,
  resolve: ResolveActor,
  verifyAdmin: (token: string) => Promise<AdminClaims>,
): Router {
  const router = Router();
  const html = (res: express.Response, body: string) =>
    res.setHeader('Cache-Control', 'no-store').type('html').send(body);

  router.get('/api/casework/payments/:id/document', async (req, res) => {
    const file = await paymentDocument(deps, await actorOfRequest(req, resolve), String(req.params.id).slice(0, 64));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'");
    res.setHeader('Cache-Control', 'no-store');
    res.end(file.bytes);
  });

  router.get('/payments/return', async (req, res) => {
    const id = uuid.safeParse(req.query.payment);
    // Only the provider's status is read; an unknown or unreadable payment changes nothing.
    if (id.success)
      await refreshById(deps, id.data).catch((error: unknown) =>
        deps.log.warn({ err: errorFields(error) }, 'return page | status not readable now'),
      );
    html(res, returnPage(req.query.cancelled === '1'));
  });

  if (deps.payments.providers.has('sandbox')) {
    router.get('/pay/sandbox/:id', async (req, res) => {
      const t = uuid.safeParse(req.params.id).success ? await deps.store.payments.sandboxGet(req.params.id) : null;
      if (!t) throw new NotFound('No such test payment.');
      html(
        res,
        sandboxPayPage({
          transactionId: t.id,
          amountCents: t.amountCents,
          purpose: t.purpose,
          decided: t.status === 'INITIAL' ? null : t.status,
        }),
      );
    });
    router.post('/pay/sandbox/:id', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
      const action = z
        .enum(['pay', 'decline', 'abandon'])
        .safeParse((req.body as { action?: unknown } | undefined)?.action);
      if (!action.success || !uuid.safeParse(req.params.id).success)
        throw new InvalidInput('Choose pay, decline or abandon.');
      const t = await deps.store.payments.sandboxGet(req.params.id);
      if (!t) throw new NotFound('No such test payment.');
      await deps.store.payments.sandboxDecide(
        t.id,
        ({ pay: 'PAID', decline: 'DECLINED', abandon: 'ABANDONED' } as const)[action.data],
        deps.now(),
      );
      // Like a real provider the test page sends the citizen back; the room learns the result from the status.
      const payment = await deps.store.payments.byProviderRef('sandbox', t.id);
      if (payment)
        await refreshPayment(deps, payment).catch((error: unknown) =>
          deps.log.warn({ err: errorFields(error) }, 'sandbox | refresh failed'),
        );
      res.redirect(
        303,
        payment
          ? `/payments/return?payment=${payment.id}${action.data === 'pay' ? '' : '&cancelled=1'}`
          : '/payments/return',
      );
    });
  }

  const paypal = deps.payments.providers.get('paypal');
  if (paypal?.verifyWebhook) {
    router.post('/webhooks/paypal', async (req, res) => {
      const body = await readRawBody(req, WEBHOOK_LIMIT);
      if (!body.ok) {
        res.status(413).json({ error: 'too_large', message: 'Body too large.' });
        return;
      }
      const headers = Object.fromEntries(
        [
          'paypal-auth-algo',
          'paypal-cert-url',
          'paypal-transmission-id',
          'paypal-transmission-sig',
          'paypal-transmission-time',
        ].map((h) => [h, req.get(h)]),
      );
      let verified;
      try {
        verified = await paypal.verifyWebhook!(body.bytes, headers);
      } catch (error) {
        if (error instanceof Unauthorized) throw error;
        // PayPal's verify call is down: 503 makes PayPal deliver again later.
        deps.log.warn({ err: errorFields(error) }, 'paypal webhook | verification unavailable');
        res.status(503).json({ error: 'unavailable', message: 'Try again later.' });
        return;
      }
      const first = await deps.store.payments.firstDelivery('paypal', verified.eventId, deps.now());
      res.status(200).json({ received: true, duplicate: !first });
      if (!first || !verified.ref) return;
      const payment = await deps.store.payments.byProviderRef('paypal', verified.ref);
      if (payment)
        await refreshPayment(deps, payment).catch((error: unknown) =>
          deps.log.warn(
            { payment: payment.id, err: errorFields(error) },
            'paypal webhook | order not readable now; reconciliation retries',
          ),
        );
    });
  }

  router.get('/admin/payments/export', noStore, async (req, res) => {
    const token = req.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new Unauthorized('A valid service token is required.', { reason: 'invalid' });
    await verifyAdmin(token);
    const query = z
      .object({
        from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
        to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
        format: z.enum(['json', 'csv']).default('json'),
      })
      .safeParse(req.query);
    if (!query.success) throw new InvalidInput('from / to: ISO dates or times; format: json or csv.');
    const to = query.data.to ? new Date(query.data.to) : deps.now();
    const from = query.data.from ? new Date(query.data.from) : new Date(to.getTime() - 31 * DAY_MS);
    const records = await treasuryExport(deps, from, to);
    if (query.data.format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="zahlungen-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.csv"`,
      );
      res.send(treasuryCsv(records));
      return;
    }
    res.json({ from: from.toISOString(), to: to.toISOString(), payments: records });
  });
  return router;
}
