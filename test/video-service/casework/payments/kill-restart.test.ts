/**
 * A kill -9 of the video service while a payment is pending (issue 12, item 5), on SQLite and MariaDB, with
 * the service as a real child process: SIGKILL (no shutdown code runs), a new process on the same DATA_DIR,
 * database and port. Through XBezahldienste the citizen pays at the platform while the service is dead;
 * after the restart the reconciliation reads the status and finishes it (paid, receipt among the documents,
 * both sides see it without a second admission). With the sandbox the pending payment survives, its pay page
 * works in the new process and the payment settles once.
 */
import { expect } from 'chai';
import type { JoinClaims } from '../../../../video-service/src/contract/join-token.ts';
import { DATABASES, type TestDatabase } from '../../../support/databases.ts';
import {
  again,
  closeScene,
  enter,
  must,
  roomClaims,
  until,
  type CaseworkService,
  type Participant,
} from '../support.ts';
import { request } from '../../support.ts';
import { spawnPaymentService, type PaymentProcess } from './process.ts';
import { StandInXBezahldienste } from './stand-in-xbezahldienste.ts';

interface Room {
  claims: { clerk: JoinClaims; citizen: JoinClaims };
  clerk: Participant;
  citizen: Participant;
}

for (const { kind, create } of DATABASES) {
  describe(`a payment pending when the video service is killed (kill -9) is finished after the restart (${kind})`, function () {
    this.timeout(120_000);
    let database: TestDatabase;
    let platform: StandInXBezahldienste;
    let svc: PaymentProcess;
    let room: Room | undefined;

    // `enter` needs only the address and the signing key of the service.
    const target = () => svc as unknown as CaseworkService;

    /** Clerk and citizen in a fresh room for the Meldebescheinigung, the citizen admitted. */
    async function meet(): Promise<Room> {
      const claims = roomClaims(['meldebescheinigung']);
      const clerk = await enter(target(), claims.clerk);
      const citizen = await enter(target(), claims.citizen);
      const admitted = await request(clerk.socket, 'lobby:admit', { participantId: citizen.id });
      if (!admitted.ok) throw new Error(`admit failed: ${admitted.error.message}`);
      for (const p of [clerk, citizen]) await must(p.socket, 'case:open', {});
      return { claims, clerk, citizen };
    }

    /** Both come back after the restart with fresh links (new token ids) and no second admission. */
    async function comeBack(r: Room): Promise<Room> {
      const clerk = await enter(target(), again(r.claims.clerk));
      const citizen = await enter(target(), again(r.claims.citizen));
      for (const p of [clerk, citizen]) await must(p.socket, 'case:open', {});
      return { claims: r.claims, clerk, citizen };
    }

    before(async () => {
      database = await create();
      platform = await new StandInXBezahldienste().start();
      svc = await spawnPaymentService({
        database,
        env: { PAYMENT_PROVIDERS: 'xbezahldienste,sandbox', ...platform.env() },
      });
    });
    after(async () => {
      closeScene(room);
      await svc?.close();
      await platform?.close();
      await database?.drop();
    });
    afterEach(() => {
      closeScene(room);
      room = undefined;
    });

    it('XBezahldienste: paid at the platform while the service was dead → paid after the restart, receipt and all', async () => {
      room = await meet();
      const requested = await must(room.clerk.socket, 'payment:request', {});
      const started = await must(room.citizen.socket, 'payment:start', {
        paymentId: requested.id,
        method: 'xbezahldienste',
      });
      expect(started.payment.state).to.equal('pending');
      const transactionId = started.url.split('/').pop()!;

      await svc.kill();
      closeScene(room);
      // The citizen pays on the platform's page; nobody is there to hear of it.
      platform.decide(transactionId, 'PAYED', 'CREDITCARD');
      await svc.start();

      room = await comeBack(room);
      const paid = await until(
        'the reconciliation to settle the payment',
        async () => {
          const fees = await must(room!.citizen.socket, 'fees:get', {});
          return fees.payment?.state === 'paid' && fees.payment.documentUrl ? fees.payment : null;
        },
        30_000,
      );
      expect(paid.id).to.equal(requested.id);
      expect(paid.kassenzeichen).to.equal(platform.transactions.get(transactionId)!.reference);
      expect(paid.paidWith).to.equal('CREDITCARD');
      expect((await must(room.clerk.socket, 'fees:get', {})).payment).to.include({ id: requested.id, state: 'paid' });
      const documents = (await must(room.citizen.socket, 'case:open', {})).documents;
      expect(documents.filter((d) => d.kind === 'receipt').map((d) => d.id)).to.deep.equal([requested.id]);
      const agenda = (await must(room.clerk.socket, 'case:open', {})).agenda.services
        .flatMap((s) => s.items)
        .find((i) => i.id === 'meldebescheinigung:fee');
      expect(agenda?.state, 'the agenda fee item follows the payment').to.equal('done');
      const requestId = platform.transactions.get(transactionId)!.requestId;
      expect(
        [...platform.transactions.values()].filter((t) => t.requestId === requestId),
        'one transaction at the platform',
      ).to.have.length(1);
    });

    it('sandbox: the pending payment survives the kill; its pay page works in the new process and settles once', async () => {
      room = await meet();
      const requested = await must(room.clerk.socket, 'payment:request', {});
      const started = await must(room.citizen.socket, 'payment:start', { paymentId: requested.id, method: 'sandbox' });
      await svc.kill();
      closeScene(room);
      await svc.start();

      room = await comeBack(room);
      const pending = (await must(room.citizen.socket, 'fees:get', {})).payment!;
      expect(pending).to.include({ id: requested.id, state: 'pending' });
      expect(pending.payUrl, 'the citizen can open the pay page again').to.equal(started.url);
      // Twice, as a double click on the page would: one settlement.
      const posts = await Promise.all(
        [1, 2].map(() =>
          fetch(started.url, { method: 'POST', body: new URLSearchParams({ action: 'pay' }), redirect: 'manual' }),
        ),
      );
      expect(posts.map((p) => p.status)).to.deep.equal([303, 303]);
      const paid = await until(
        'paid after the restart',
        async () => {
          const p = (await must(room!.clerk.socket, 'fees:get', {})).payment;
          return p?.state === 'paid' && p.documentUrl ? p : null;
        },
        15_000,
      );
      expect(paid.id).to.equal(requested.id);
      const receipts = (await must(room.citizen.socket, 'case:open', {})).documents.filter((d) => d.kind === 'receipt');
      expect(receipts.map((d) => d.id)).to.deep.equal([requested.id]);
    });
  });
}
