/**
 * The PayPal provider against a stand-in PayPal (Orders v2, capture, verify-webhook-signature) over real
 * HTTP, on SQLite and MariaDB: one order for concurrent starts, webhooks verified on the raw body, twice and
 * out of order, forged ones refused, one capture, the order re-read as the truth, no secrets in the logs.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../../../support/databases.ts';
import { caseScene, closeScene, must, type CaseScene } from '../support.ts';
import { StandInPayPal } from './stand-in-paypal.ts';
import { startPaymentService, until } from './support.ts';

type Svc = Awaited<ReturnType<typeof startPaymentService>>;

for (const { kind, create } of DATABASES) {
  describe(`payments through PayPal (${kind})`, function () {
    this.timeout(90_000);
    let database: TestDatabase;
    let paypal: StandInPayPal;
    let svc: Svc;
    let scene: CaseScene | undefined;
    const logs: string[] = [];

    before(async () => {
      database = await create();
      paypal = await new StandInPayPal().start();
      // A long poll interval: here the webhooks must do the work.
      svc = await startPaymentService({
        database,
        logs,
        env: { PAYMENT_PROVIDERS: 'paypal', PAYMENT_RECONCILE_INTERVAL_MS: '600000', ...paypal.env() },
      });
    });
    after(async () => {
      await svc?.close();
      await paypal?.close();
      await database?.drop();
    });
    afterEach(() => closeScene(scene));

    const deliver = (event: object, key?: string) => {
      const raw = JSON.stringify(event, null, 1);
      return fetch(`${svc.baseUrl}/webhooks/paypal`, { method: 'POST', headers: paypal.sign(raw, key), body: raw });
    };

    it('one order for concurrent starts; capture completed first and order approved later, each twice: paid once, captured once', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const requested = await must(scene.clerk.socket, 'payment:request', {});
      const starts = await Promise.all(
        [1, 2].map(() => must(scene!.citizen.socket, 'payment:start', { paymentId: requested.id, method: 'paypal' })),
      );
      expect(starts[0]!.url).to.equal(starts[1]!.url);
      expect(paypal.creates).to.equal(1);
      const orderId = new URL(starts[0]!.url).searchParams.get('token')!;
      expect(paypal.orders.get(orderId)!.value).to.equal('5.00');

      // Out of order: a capture event arrives before anything was approved; the re-read says "not yet".
      const early = {
        id: 'WH-early',
        event_type: 'PAYMENT.CAPTURE.COMPLETED',
        resource: { id: 'CAPTURE?', supplementary_data: { related_ids: { order_id: orderId } } },
      };
      expect((await deliver(early)).status).to.equal(200);
      await new Promise((r) => setTimeout(r, 200));
      expect((await must(scene.clerk.socket, 'fees:get', {})).payment!.state).to.equal('pending');

      paypal.approve(orderId);
      const approved = { id: 'WH-approved', event_type: 'CHECKOUT.ORDER.APPROVED', resource: { id: orderId } };
      const answers = await Promise.all([deliver(approved), deliver(approved)]);
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200]);
      const bodies = (await Promise.all(answers.map((a) => a.json()))) as Array<{ duplicate: boolean }>;
      expect(bodies.map((b) => b.duplicate).sort()).to.deep.equal([false, true]);
      const paid = await until('paid from the webhook', async () => {
        const p = (await must(scene!.clerk.socket, 'fees:get', {})).payment!;
        return p.state === 'paid' ? p : null;
      });
      expect(paid.kassenzeichen).to.equal('CAPTURE1');
      expect((await deliver({ ...early, id: 'WH-late' })).status).to.equal(200);
      expect((await deliver(early)).status).to.equal(200);
      await must(scene.clerk.socket, 'payment:refresh', { paymentId: requested.id });
      expect(paypal.captures).to.equal(1);
    });

    it('refuses a forged webhook', async () => {
      const forged = await deliver(
        { id: 'WH-forged', event_type: 'CHECKOUT.ORDER.APPROVED', resource: { id: 'ORDER-x' } },
        'not-the-key',
      );
      expect(forged.status).to.equal(401);
      const garbage = await fetch(`${svc.baseUrl}/webhooks/paypal`, {
        method: 'POST',
        headers: paypal.sign('{"hello":1}'),
        body: '{"hello":1}',
      });
      expect(garbage.status).to.equal(401);
    });

    it('never logs the client secret, access tokens or pay pages', () => {
      const all = logs.join('\n');
      expect(all).to.not.include(paypal.clientSecret);
      expect(all).to.not.include('A21.');
      expect(all).to.not.include('checkoutnow');
    });
  });
}
