import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { citizenWaiting, clerkHeaders, openLive, postRoomEvent, testAuthenticate } from './clerk-workplace-support.ts';
import {
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

for (const { kind, create } of DATABASES) {
  describe(`clerk workplace: take the next waiting citizen (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    const eventsSecret = newSecret();

    before(async () => {
      db = await create();
      c = await startConnector({
        databaseUrl: db.url,
        env: { VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret, JOIN_LINKS: 'short' },
        connectorOptions: { authenticateClerk: testAuthenticate },
      });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await db?.drop();
    });

    async function waitingCitizen(services: string[], waitingSince: Date) {
      const res = await postGenericWebhook(
        c.baseUrl,
        c.webhookSecret,
        makeGenericPayload({ appointment: { services } }),
      );
      const { appointmentId, roomId } = res.body;
      expect(
        (await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(roomId, appointmentId, waitingSince))).status,
      ).to.equal(200);
      return appointmentId as string;
    }
    const takeNext = async (clerk: string, desk = 'buergeramt-mitte', headers = clerkHeaders(clerk, c.baseUrl)) => {
      const res = await fetch(`${c.baseUrl}/clerk/api/desks/${desk}/take-next`, { method: 'POST', headers });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('refuses a request without the CSRF token or from another origin, and a desk the clerk does not work at', async () => {
      expect((await takeNext('anna', 'buergeramt-mitte', clerkHeaders('anna', c.baseUrl, false))).status).to.equal(403);
      expect(
        (
          await takeNext('anna', 'buergeramt-mitte', {
            ...clerkHeaders('anna', c.baseUrl),
            origin: 'https://evil.example',
          })
        ).status,
      ).to.equal(403);
      expect(
        (
          await takeNext('anna', 'buergeramt-mitte', {
            ...clerkHeaders('anna', c.baseUrl),
            'x-csrf-token': 'other-test-value',
          })
        ).status,
      ).to.equal(403);
      const foreign = await takeNext('kai', 'buergeramt-mitte');
      expect(foreign).to.deep.include({ status: 403 });
      expect(foreign.body.error).to.equal('not_your_desk');
      expect(await probe.count('workplace_claims')).to.equal(0);
    });

    it('gives the longest-waiting citizen of the desk to the clerk, with the clerk link, and tells the desk', async () => {
      const ben = await openLive(c.baseUrl, 'ben');
      try {
        await ben.next((m) => m.event === 'ready');
        const later = await waitingCitizen(['anmeldung'], new Date(Date.now() - 10_000));
        const longest = await waitingCitizen(['ummeldung'], new Date(Date.now() - 90_000));
        await waitingCitizen(['kfz-zulassung'], new Date(Date.now() - 200_000));
        const taken = await takeNext('anna');
        expect(taken.status).to.equal(200);
        expect(taken.body.row).to.deep.include({ id: longest, status: 'waiting', mine: true });
        expect(taken.body.row.takenBy.clerkId).to.equal('anna');
        expect(taken.body.row.joinUrl).to.match(/\/join#[A-Za-z0-9_-]{22}$/);
        const told = await ben.next(
          (m) => m.event === 'row' && m.data.row.id === longest && m.data.row.takenBy !== null,
        );
        expect(told.data.row).to.deep.include({ mine: false });
        expect((await takeNext('anna')).body.row.id).to.equal(later);
        const none = await takeNext('anna');
        expect(none.status).to.equal(409);
        expect(none.body).to.include({ error: 'nobody_waiting' });
      } finally {
        ben.close();
      }
    });

    it('two clerks taking at once: exactly one gets the citizen, the other is told with 409 — again and again', async () => {
      for (let round = 0; round < 5; round++) {
        const id = await waitingCitizen(['meldebescheinigung'], new Date(Date.now() - 5000));
        const answers = await Promise.all([takeNext('anna'), takeNext('ben')]);
        const winners = answers.filter((a) => a.status === 200);
        const losers = answers.filter((a) => a.status === 409);
        expect(winners, `round ${round}`).to.have.length(1);
        expect(losers, `round ${round}`).to.have.length(1);
        expect(winners[0]!.body.row.id).to.equal(id);
        expect(losers[0]!.body.error).to.be.oneOf(['taken_by_colleague', 'nobody_waiting']);
        expect(losers[0]!.body.message).to.be.a('string').and.not.equal('');
        const claims = await probe.rows('workplace_claims', { appointment_id: id });
        expect(claims).to.have.length(1);
        expect(claims[0]!.clerk_id).to.equal(winners[0]!.body.row.takenBy.clerkId);
      }
    });
  });
}
