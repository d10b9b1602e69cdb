import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { eventually, startReceiver, type Receiver } from './outbound-support.ts';
import { api, API_ENV, makeApiAppointment, futureStart } from './rest-support.ts';
import {
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

const DAY = 24 * 3600_000;

for (const { kind, create } of DATABASES) {
  describe(`retention: housekeeping deletes what names an appointment once its retention ended (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    let receiver: Receiver;

    before(async () => {
      db = await create();
      receiver = await startReceiver({ script: [] });
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          ...API_ENV,
          OUTBOUND_WEBHOOKS: JSON.stringify([{ name: 'cms', url: receiver.url, secret: newSecret() }]),
          ALLOW_PRIVATE_TARGETS: 'true',
        },
      });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await c?.close();
      await receiver?.close();
      await probe?.close();
      await db?.drop();
    });

    /** Every row of every table as text, to search for a value anywhere in the database. */
    async function everything(): Promise<string> {
      const dump: string[] = [];
      for (const table of await probe.tables()) dump.push(table, JSON.stringify(await probe.rows(table)));
      return dump.join('\n');
    }

    it('keeps everything within retention, deletes the old appointment with its mails, events, revocations and idempotency records, keeps statistics', async () => {
      // A: booked, moved (revoked links, a second mail), then cancelled (room close call) — ends within the hour.
      const oldMail = `old-${randomUUID()}@example.org`;
      const created = makeGenericPayload(
        { appointment: { citizen: { name: 'Olga Altfall', email: oldMail, locale: 'de' } } },
        10,
      );
      const first = await postGenericWebhook(c.baseUrl, c.webhookSecret, created);
      expect(first.status).to.equal(200);
      const oldId: string = first.body.appointmentId;
      const moved = { ...created.appointment, start: futureStart(20), end: futureStart(50) };
      expect(
        (await postGenericWebhook(c.baseUrl, c.webhookSecret, { type: 'appointment.rescheduled', appointment: moved }))
          .status,
      ).to.equal(200);
      expect(
        (
          await postGenericWebhook(c.baseUrl, c.webhookSecret, {
            type: 'appointment.cancelled',
            appointment: { id: created.appointment.id },
          })
        ).status,
      ).to.equal(200);
      // B: booked through the REST API (with an Idempotency-Key) for 200 days from now.
      const keptMail = `kept-${randomUUID()}@example.org`;
      const later = new Date(Date.now() + 200 * DAY).toISOString();
      const b = await api(c.baseUrl, '/api/appointments', {
        body: makeApiAppointment({ citizen: { name: 'Karl Bleibt', email: keptMail, locale: 'de' } }, later),
        headers: { 'idempotency-key': `"k-${randomUUID()}"` },
      });
      expect(b.status).to.equal(201);
      await eventually(async () => ((await probe.count('mail_outbox', { status: 'pending' })) === 0 ? true : null));
      await receiver.waitFor(4); // created, rescheduled, cancelled, created (B)

      const before = await everything();
      expect(before).to.include(oldMail);
      expect(await probe.count('link_revocations', { appointment_id: oldId })).to.be.greaterThan(0);
      expect(await probe.count('outbound_events', { appointment_id: oldId })).to.equal(3);

      // A day later: A's retention (90 days after its end) has not ended; idempotency records are kept 7 days.
      expect(await c.connector.housekeeping.run(new Date(Date.now() + DAY))).to.deep.equal({
        appointments: 0,
        rows: 0,
      });
      expect(await everything()).to.equal(before);

      // 91 days later: A is gone everywhere, B untouched.
      const result = await c.connector.housekeeping.run(new Date(Date.now() + 91 * DAY));
      expect(result.appointments).to.equal(1);
      const after = await everything();
      for (const trace of [oldMail, 'Olga Altfall', oldId, created.appointment.id]) {
        expect(after, `"${trace}" still stored somewhere`).to.not.include(trace);
      }
      expect(await probe.count('appointments')).to.equal(1);
      expect(after).to.include(keptMail);
      expect(await probe.count('outbound_events', { appointment_id: b.body.id })).to.equal(1);
      // Idempotency records are older than 7 days by then: all gone (B's REST key too).
      expect(await probe.count('inbound_events')).to.equal(0);
      expect(await probe.count('api_idempotency_keys')).to.equal(0);

      const stats = await probe.rows('appointment_statistics');
      expect(stats).to.have.length(1);
      expect(stats[0]).to.deep.include({
        source: 'generic',
        status: 'cancelled',
        period: new Date(moved.start).toISOString().slice(0, 7),
      });
      expect(Number(stats[0]!.appointments)).to.equal(1);
      expect(Number(stats[0]!.minutes)).to.equal(30);
      const runs = await probe.rows('housekeeping_runs');
      expect(runs).to.have.length(1);
      expect(Number(runs[0]!.appointments_deleted)).to.equal(1);
      expect(Number(runs[0]!.rows_deleted)).to.equal(result.rows);

      // A second run finds nothing and records nothing.
      expect(await c.connector.housekeeping.run(new Date(Date.now() + 91 * DAY))).to.deep.equal({
        appointments: 0,
        rows: 0,
      });
      expect(await probe.count('housekeeping_runs')).to.equal(1);
    });
  });
}
