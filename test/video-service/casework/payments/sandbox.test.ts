/**
 * Fees paid in the room with the sandbox provider, on SQLite and MariaDB: fees from the catalogue, waive /
 * reduce with a configured reason (audit-logged), one payment and one charge for concurrent "pay", the
 * return page marks nothing, pay / decline / abandon on the test page, retry and switch to invoice, the
 * sealed receipt and fee notice, events on the outbox, the treasury export, and another room sees nothing.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../../../support/databases.ts';
import { signAdminToken } from '../../support.ts';
import { ask, caseScene, closeScene, must, nextCaseEvent, withSession, type CaseScene } from '../support.ts';
import { startPaymentService, until } from './support.ts';
import type { PaymentView } from '../../../../video-service/src/contract/payments.ts';

type Svc = Awaited<ReturnType<typeof startPaymentService>>;
const code = (reply: { ok: boolean; error?: { code: string; reason?: string } }) =>
  reply.ok ? 'ok' : `${reply.error!.code}${reply.error!.reason ? `:${reply.error!.reason}` : ''}`;
const REASON = 'Gebührenbefreiung (Sozialleistung)';

for (const { kind, create } of DATABASES) {
  describe(`payments with the sandbox provider (${kind})`, function () {
    this.timeout(90_000);
    let database: TestDatabase;
    let svc: Svc;
    let scene: CaseScene | undefined;
    const logs: string[] = [];

    before(async () => {
      database = await create();
      svc = await startPaymentService({
        database,
        logs,
        env: {
          PAYMENT_PROVIDERS: 'sandbox,invoice',
          PAYMENT_INVOICE_IBAN: 'DE02120300000000202051',
          EVENTS_WEBHOOK_URL: 'http://127.0.0.1:9/events',
          EVENTS_WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
          EVENTS_RETRY_SCHEDULE_SECONDS: '3600',
        },
      });
    });
    after(async () => {
      await svc?.close();
      await database?.drop();
    });
    afterEach(() => closeScene(scene));

    const choose = async (absolute: string, action: 'pay' | 'decline' | 'abandon') => {
      // Without PUBLIC_URL on PORT=0 the service names the port it really listens on (it once said localhost:0).
      expect(new URL(absolute).port, 'the pay page on the port listened on').to.equal(new URL(svc.baseUrl).port);
      const payUrl = `${svc.baseUrl}${new URL(absolute).pathname}`;
      const page = await fetch(payUrl);
      expect(await page.text()).to.include('TEST – keine echte Zahlung');
      // As Chromium posts the page's form under Referrer-Policy: no-referrer: `Origin: null`, same-origin.
      return fetch(payUrl, {
        method: 'POST',
        headers: { origin: 'null', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ action }),
        redirect: 'manual',
      });
    };

    it('the clerk requests the catalogue fees, the citizen pays once on the test page, both see "paid", the receipt and the event follow', async () => {
      scene = await caseScene(svc, ['meldebescheinigung', 'fuehrungszeugnis', 'anmeldung']);
      const fees = await must(scene.clerk.socket, 'fees:get', {});
      expect(fees.items.map((i) => [i.service, i.amountCents])).to.deep.equal([
        ['meldebescheinigung', 500],
        ['fuehrungszeugnis', 1300],
      ]);
      expect(fees.totalCents).to.equal(1800);
      expect(fees.methods).to.deep.equal(['sandbox', 'invoice']);
      expect((await must(scene.citizen.socket, 'fees:get', {})).adjustReasons).to.deep.equal([]);

      expect(
        code(
          await ask(scene.clerk.socket, 'fees:adjust', {
            service: 'fuehrungszeugnis',
            kind: 'reduce',
            amountCents: 800,
            reason: 'because I say so',
          }),
        ),
      ).to.equal('invalid_input:reason_not_allowed');
      expect(
        code(
          await ask(scene.citizen.socket, 'fees:adjust', {
            service: 'fuehrungszeugnis',
            kind: 'waive',
            reason: REASON,
          }),
        ),
      ).to.equal('forbidden');
      const reduced = await must(scene.clerk.socket, 'fees:adjust', {
        service: 'fuehrungszeugnis',
        kind: 'reduce',
        amountCents: 800,
        reason: REASON,
      });
      expect(reduced.totalCents).to.equal(1300);
      expect(reduced.items[1]!.adjustment).to.include({ kind: 'reduced', reason: REASON });
      const audit = await svc.service.casework.deps.store.audit.range(1, undefined, 100);
      expect(audit.some((r) => r.kind === 'fee.adjusted' && r.publicJson.includes('"amountCents":800'))).to.equal(true);

      const citizenSaw = nextCaseEvent(scene.citizen.socket, 'payment' as never);
      const [one, two] = await Promise.all([
        must(scene.clerk.socket, 'payment:request', {}),
        must(scene.clerk.socket, 'payment:request', {}),
      ]);
      expect(one.id).to.equal(two.id);
      expect(one).to.include({ state: 'open', amountCents: 1300 });
      expect(((await citizenSaw) as unknown as PaymentView).id).to.equal(one.id);
      expect(
        code(
          await ask(scene.clerk.socket, 'fees:adjust', {
            service: 'meldebescheinigung',
            kind: 'waive',
            reason: REASON,
          }),
        ),
      ).to.equal('invalid_state:payment_in_progress');

      // Double click and a second tab at the same moment: one transaction, one pay page.
      const starts = await Promise.all(
        [1, 2, 3].map(() => must(scene!.citizen.socket, 'payment:start', { paymentId: one.id, method: 'sandbox' })),
      );
      expect(new Set(starts.map((s) => s.url)).size).to.equal(1);
      const count = (await svc.service.db.sequelize.query('SELECT COUNT(*) AS n FROM payment_sandbox_transactions', {
        plain: true,
      })) as { n: number };
      expect(Number(count.n)).to.equal(1);
      expect(starts[0]!.payment.state).to.equal('pending');

      // Coming back from the pay page without paying marks nothing.
      await fetch(`${svc.baseUrl}/payments/return?payment=${one.id}`);
      expect((await must(scene.clerk.socket, 'payment:refresh', { paymentId: one.id })).state).to.equal('pending');

      const clerkPaid = until(
        'the clerk sees paid',
        async () => (await must(scene!.clerk.socket, 'fees:get', {})).payment?.state === 'paid',
      );
      // How fast both rooms hear it is measured by test/bench/payment-settle.bench.ts, not asserted here.
      const answer = await choose(starts[0]!.url, 'pay');
      expect(answer.status).to.equal(303);
      await clerkPaid;
      // "paid" is told at once; the sealed receipt follows a moment later.
      const done = await until('the receipt is there', async () => {
        const fees = await must(scene!.citizen.socket, 'fees:get', {});
        return fees.payment?.documentUrl ? fees : null;
      });
      expect(done.payment).to.include({ state: 'paid', paidWith: 'SANDBOX' });
      expect(done.items).to.deep.equal([]);
      const agenda = (await must(scene.clerk.socket, 'case:open', {})).agenda;
      expect(
        agenda.services.find((s) => s.code === 'fuehrungszeugnis')!.items.find((i) => i.kind === 'fee')!.state,
      ).to.equal('done');
      const receipt = await withSession(svc, scene.citizen, done.payment!.documentUrl!);
      expect(receipt.status).to.equal(200);
      expect(
        Buffer.from(await receipt.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).to.equal('%PDF-');
      expect(code(await ask(scene.citizen.socket, 'payment:start', { paymentId: one.id, method: 'sandbox' }))).to.equal(
        'ok',
      );
      expect(code(await ask(scene.clerk.socket, 'payment:request', {}))).to.equal('invalid_state:nothing_to_pay');

      const events = await until('payment.completed in the outbox', async () =>
        (await svc.service.db.outbox.list()).filter((e) => e.type === 'payment.completed'),
      );
      expect(events).to.have.length(1);
      const body = JSON.parse(events[0]!.body) as { data: Record<string, unknown> };
      expect(body.data).to.include({ payment: one.id, state: 'paid', amountCents: 1300 });
      expect(events[0]!.body).to.not.include('Erika');

      const admin = signAdminToken(svc.key);
      const json = (await (
        await fetch(`${svc.baseUrl}/admin/payments/export`, { headers: { authorization: `Bearer ${admin}` } })
      ).json()) as { payments: Array<Record<string, unknown>> };
      expect(json.payments.find((p) => p.paymentId === one.id)).to.include({
        status: 'paid',
        amountCents: 1300,
        catalogueCents: 1800,
        method: 'sandbox',
      });
      const csv = await (
        await fetch(`${svc.baseUrl}/admin/payments/export?format=csv`, {
          headers: { authorization: `Bearer ${admin}` },
        })
      ).text();
      expect(csv).to.include('date;paymentId;kassenzeichen').and.include(one.id).and.not.include('Erika');
      expect((await fetch(`${svc.baseUrl}/admin/payments/export`)).status).to.equal(401);

      // The hand-off package for the case-management system lists the payment.
      // Confirmed: other agenda items (the ID document) may still be open.
      await must(scene.clerk.socket, 'case:finish', { force: true });
      const finished = await until('case.finished', async () =>
        (await svc.service.db.outbox.list()).find((e) => e.type === 'case.finished' && e.body.includes(scene!.room)),
      );
      const { handoff } = (JSON.parse(finished.body) as { data: { handoff: { url: string; token: string } } }).data;
      const pkg = (await (
        await fetch(`${svc.baseUrl}${new URL(handoff.url).pathname}`, {
          headers: { authorization: `Bearer ${handoff.token}` },
        })
      ).json()) as { payments: Array<Record<string, unknown>> };
      expect(pkg.payments.map((p) => [p.paymentId, p.status, p.amountCents])).to.deep.equal([[one.id, 'paid', 1300]]);
    });

    it('declined and abandoned payments can be retried or switched to an invoice with a sealed fee notice', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const requested = await must(scene.clerk.socket, 'payment:request', {});
      const first = await must(scene.citizen.socket, 'payment:start', { paymentId: requested.id, method: 'sandbox' });
      await choose(first.url, 'decline');
      expect((await must(scene.citizen.socket, 'payment:refresh', { paymentId: requested.id })).state).to.equal(
        'failed',
      );
      const second = await must(scene.citizen.socket, 'payment:start', { paymentId: requested.id, method: 'sandbox' });
      expect(second.payment.id).to.not.equal(requested.id);
      await choose(second.url, 'abandon');
      expect((await must(scene.citizen.socket, 'payment:refresh', { paymentId: second.payment.id })).state).to.equal(
        'cancelled',
      );
      const invoice = await must(scene.citizen.socket, 'payment:start', {
        paymentId: second.payment.id,
        method: 'invoice',
      });
      expect(invoice.payment).to.include({ state: 'invoiced', method: 'invoice', amountCents: 500 });
      expect(invoice.payment.kassenzeichen).to.match(/^VA-\d{8}-[0-9A-F]{10}$/);
      const notice = await withSession(svc, scene.citizen, invoice.url);
      expect(notice.status).to.equal(200);
      expect(notice.headers.get('content-disposition')).to.include('gebuehrenbescheid');
      const failed = await until('payment.failed events', async () => {
        const rows = (await svc.service.db.outbox.list()).filter(
          (e) => e.type === 'payment.failed' && (e.body.includes(requested.id) || e.body.includes(second.payment.id)),
        );
        return rows.length === 2 ? rows : null;
      });
      expect(failed).to.have.length(2);
    });

    it('a participant of another room can neither see nor pay nor download', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const other = await caseScene(svc, ['fuehrungszeugnis']);
      try {
        const requested = await must(scene.clerk.socket, 'payment:request', {});
        const seen: string[] = [];
        other.citizen.socket.onAny((event: string) => seen.push(event));
        other.clerk.socket.onAny((event: string) => seen.push(event));
        expect(
          code(await ask(other.citizen.socket, 'payment:start', { paymentId: requested.id, method: 'sandbox' })),
        ).to.equal('not_found');
        expect(code(await ask(other.clerk.socket, 'payment:refresh', { paymentId: requested.id }))).to.equal(
          'not_found',
        );
        expect(code(await ask(other.clerk.socket, 'payment:cancel', { paymentId: requested.id }))).to.equal(
          'not_found',
        );
        expect((await must(other.citizen.socket, 'fees:get', {})).payment).to.equal(null);
        const started = await must(scene.citizen.socket, 'payment:start', {
          paymentId: requested.id,
          method: 'sandbox',
        });
        await choose(started.url, 'pay');
        await until('paid', async () => (await must(scene!.clerk.socket, 'fees:get', {})).payment?.state === 'paid');
        const url = (await must(scene.citizen.socket, 'fees:get', {})).payment!.documentUrl!;
        expect((await withSession(svc, other.citizen, url)).status).to.equal(404);
        expect(seen.filter((e) => e === 'payment')).to.deep.equal([]);
        expect(
          code(await ask(scene.citizen.socket, 'payment:start', { paymentId: requested.id, method: 'paypal' })),
        ).to.equal('invalid_input:method_not_offered');
      } finally {
        closeScene(other);
      }
    });

    it('never logs payment pages, tokens or bank details', () => {
      const all = logs.join('\n');
      expect(all).to.not.include('/pay/sandbox/');
      expect(all).to.not.include('DE02120300000000202051');
      expect(all).to.include('payment settled');
    });
  });
}
