/**
 * The XBezahldienste provider against a stand-in platform speaking API v1.0.0 over real HTTP, on SQLite and
 * MariaDB: OAuth2 client credentials, the redirect, polling INITIAL → PAYED / FAILED, Kassenzeichen and
 * paymentMethod stored, problem+json mapped to clear refusals, the platform down → a clear error and a
 * retry without a second transaction (PAYMENT_EXISTS read back), and a restart with a pending payment.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../../../support/databases.ts';
import { ask, caseScene, closeScene, must, type CaseScene } from '../support.ts';
import { StandInXBezahldienste } from './stand-in-xbezahldienste.ts';
import { startPaymentService, until } from './support.ts';

type Svc = Awaited<ReturnType<typeof startPaymentService>>;
const code = (reply: { ok: boolean; error?: { code: string; reason?: string } }) =>
  reply.ok ? 'ok' : `${reply.error!.code}${reply.error!.reason ? `:${reply.error!.reason}` : ''}`;

for (const { kind, create } of DATABASES) {
  describe(`payments through XBezahldienste (${kind})`, function () {
    this.timeout(90_000);
    let database: TestDatabase;
    let platform: StandInXBezahldienste;
    let svc: Svc;
    let scene: CaseScene | undefined;
    const logs: string[] = [];

    before(async () => {
      database = await create();
      platform = await new StandInXBezahldienste().start();
      svc = await startPaymentService({
        database,
        logs,
        env: { PAYMENT_PROVIDERS: 'xbezahldienste', ...platform.env() },
      });
    });
    after(async () => {
      await svc?.close();
      await platform?.close();
      await database?.drop();
    });
    afterEach(() => {
      closeScene(scene);
      platform.mode = 'up';
    });

    const fees = (s: CaseScene) => must(s.clerk.socket, 'fees:get', {});

    it('redirects to the platform, polls until PAYED, stores Kassenzeichen and paymentMethod; two starts make one transaction', async () => {
      scene = await caseScene(svc, ['fuehrungszeugnis']);
      const requested = await must(scene.clerk.socket, 'payment:request', {});
      const creates = platform.creates;
      const [a, b] = await Promise.all(
        [1, 2].map(() =>
          must(scene!.citizen.socket, 'payment:start', { paymentId: requested.id, method: 'xbezahldienste' }),
        ),
      );
      expect(a!.url).to.equal(b!.url);
      expect(a!.url).to.match(new RegExp(`^${platform.url}/pay/`));
      expect(platform.creates - creates).to.equal(1);
      const transactionId = a!.url.split('/').pop()!;
      await new Promise((r) => setTimeout(r, 400));
      expect((await fees(scene)).payment!.state).to.equal('pending');
      platform.decide(transactionId, 'PAYED', 'PAYDIRECT');
      const paid = await until('paid by polling', async () => {
        const p = (await fees(scene!)).payment!;
        return p.state === 'paid' ? p : null;
      });
      expect(paid.paidWith).to.equal('PAYDIRECT');
      expect(paid.kassenzeichen).to.equal(platform.transactions.get(transactionId)!.reference);
    });

    it("a FAILED payment shows the platform's detail and can be paid again", async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const requested = await must(scene.clerk.socket, 'payment:request', {});
      const started = await must(scene.citizen.socket, 'payment:start', {
        paymentId: requested.id,
        method: 'xbezahldienste',
      });
      platform.decide(started.url.split('/').pop()!, 'FAILED');
      const failed = await until('failed', async () =>
        (await fees(scene!)).payment!.state === 'failed' ? (await fees(scene!)).payment : null,
      );
      expect(failed!.statusDetail).to.equal('Karte abgelehnt');
      const again = await must(scene.citizen.socket, 'payment:start', {
        paymentId: requested.id,
        method: 'xbezahldienste',
      });
      expect(again.payment.id).to.not.equal(requested.id);
    });

    it('platform down → a clear refusal; an answer lost after the platform created it → the retry finds that transaction (PAYMENT_EXISTS), no second charge', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const requested = await must(scene.clerk.socket, 'payment:request', {});
      platform.mode = 'down';
      const down = await ask(scene.citizen.socket, 'payment:start', {
        paymentId: requested.id,
        method: 'xbezahldienste',
      });
      expect(code(down)).to.equal('invalid_state:provider_unavailable');
      expect((await fees(scene)).payment!.state).to.equal('open');
      platform.mode = 'lose-answer';
      const creates = platform.creates;
      expect(
        code(await ask(scene.citizen.socket, 'payment:start', { paymentId: requested.id, method: 'xbezahldienste' })),
      ).to.equal('invalid_state:provider_unavailable');
      expect(platform.creates - creates).to.equal(1);
      platform.mode = 'up';
      const retried = await must(scene.citizen.socket, 'payment:start', {
        paymentId: requested.id,
        method: 'xbezahldienste',
      });
      expect(platform.creates - creates).to.equal(1);
      expect(retried.payment.id).to.equal(requested.id);
      expect([...platform.transactions.values()].filter((t) => retried.url.endsWith(t.id))).to.have.length(1);
    });

    it('problem+json from the platform becomes a clear refusal', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const requested = await must(scene.clerk.socket, 'payment:request', {});
      platform.mode = 'reject';
      const refused = await ask(scene.citizen.socket, 'payment:start', {
        paymentId: requested.id,
        method: 'xbezahldienste',
      });
      expect(code(refused)).to.equal('invalid_state:provider_rejected');
      expect(refused.ok ? '' : refused.error.message).to.include('rejected the payment request as invalid');
    });

    it('a payment pending when the service stops is finished by the reconciliation after the restart', async () => {
      scene = await caseScene(svc, ['meldebescheinigung']);
      const requested = await must(scene.clerk.socket, 'payment:request', {});
      const started = await must(scene.citizen.socket, 'payment:start', {
        paymentId: requested.id,
        method: 'xbezahldienste',
      });
      closeScene(scene);
      scene = undefined;
      const before = svc;
      svc = await before.reopen();
      platform.decide(started.url.split('/').pop()!, 'PAYED');
      const settled = await until(
        'settled after restart',
        async () => {
          const p = await svc.service.casework.deps.store.payments.get(requested.id);
          return p?.state === 'paid' && p.announced ? p : null;
        },
        10_000,
      );
      expect(settled.kassenzeichen).to.match(/^KZ-/);
    });

    it('never logs the client secret, tokens or pay pages', () => {
      const all = logs.join('\n');
      expect(all).to.not.include(platform.clientSecret);
      for (const token of platform.tokens) expect(all).to.not.include(token);
      expect(all).to.not.include('/pay/');
    });
  });
}
