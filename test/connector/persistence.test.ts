import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { pino } from 'pino';
import { roomIdFor, type Appointment } from '../../connector/src/domain/appointment.ts';
import type { OutgoingMail } from '../../connector/src/domain/ports.ts';
import { Conflict } from '../../connector/src/errors.ts';
import { Database } from '../../connector/src/persistence/database.ts';
import { MIGRATIONS } from '../../connector/src/persistence/migrations/index.ts';
import { createUnitOfWork } from '../../connector/src/persistence/unit-of-work.ts';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { openDatabaseProbe } from './support.ts';

const log = pino({ level: 'silent' });

function sampleAppointment(): Appointment {
  const id = randomUUID();
  const now = new Date('2030-01-01T09:00:00.123Z');
  return {
    id,
    source: 'generic',
    externalId: `ext-${id}`,
    status: 'scheduled',
    title: 'Meldebescheinigung – Müller',
    start: new Date('2030-06-01T08:00:00.000Z'),
    end: new Date('2030-06-01T08:30:00.000Z'),
    timezone: 'Europe/Berlin',
    services: ['meldebescheinigung', 'anmeldung'],
    citizen: { name: 'Jürgen Müller', email: 'j@example.org', phone: '+49 30 123', locale: 'de' },
    clerk: { id: 'c1', name: 'Frau Sachbearbeiterin' },
    notes: 'Rollstuhlgerecht ✓',
    roomId: roomIdFor(id),
    sequence: 0,
    credentials: {
      citizenJti: randomUUID(),
      clerkJti: randomUUID(),
      cancelJti: randomUUID(),
      icsKeyHash: 'a'.repeat(64),
    },
    createdAt: now,
    updatedAt: now,
  };
}

const mail = (n: number): OutgoingMail => ({
  to: [`p${n}@example.org`],
  subject: `Mail ${n}`,
  text: 'Text',
  html: '<p>Text</p>',
  attachments: [{ filename: 'termin.ics', contentType: 'text/calendar; method=REQUEST', content: 'BEGIN:VCALENDAR' }],
});

for (const { kind, create } of DATABASES) {
  describe(`persistence (${kind})`, function () {
    this.timeout(30_000);
    let tdb: TestDatabase;
    let db: Database;

    before(async () => {
      tdb = await create();
      db = await Database.open(tdb.url, log);
    });
    after(async () => {
      await db?.close();
      await tdb?.drop();
    });

    it('applies the migrations once: the tables exist and a second start changes nothing', async () => {
      const probe = await openDatabaseProbe(tdb.url);
      try {
        for (const table of ['appointments', 'inbound_events', 'mail_outbox', 'link_revocations']) {
          expect(await probe.count(table)).to.equal(0);
        }
        expect((await probe.rows('connector_migrations')).map((r) => r.name).sort()).to.deep.equal(
          MIGRATIONS.map((m) => m.name).sort(),
        );
        const again = await Database.open(tdb.url, log);
        await again.close();
        expect(await probe.count('connector_migrations')).to.equal(MIGRATIONS.length);
      } finally {
        await probe.close();
      }
    });

    it('round-trips an appointment through the repository as a plain object', async () => {
      const uow = createUnitOfWork(db);
      const appointment = sampleAppointment();
      await uow.transaction((r) => r.appointments.insert(appointment));
      const loaded = await uow.run((r) => r.appointments.findById(appointment.id));
      expect(loaded).to.deep.equal(appointment);
      expect(Object.getPrototypeOf(loaded)).to.equal(Object.prototype);

      const moved: Appointment = {
        ...appointment,
        start: new Date('2030-06-02T08:00:00Z'),
        sequence: 1,
        clerk: null,
        status: 'cancelled',
      };
      await uow.transaction((r) => r.appointments.update(moved));
      expect(await uow.run((r) => r.appointments.findByExternalId('generic', appointment.externalId))).to.deep.equal(
        moved,
      );
      expect(await uow.run((r) => r.appointments.findByExternalId('calcom', appointment.externalId))).to.equal(null);
    });

    it('refuses a second appointment with the same source and external id (Conflict)', async () => {
      const uow = createUnitOfWork(db);
      const a = sampleAppointment();
      await uow.transaction((r) => r.appointments.insert(a));
      const b = { ...sampleAppointment(), externalId: a.externalId };
      let error: unknown;
      await uow.transaction((r) => r.appointments.insert(b)).catch((err: unknown) => (error = err));
      expect(error).to.be.instanceOf(Conflict);
    });

    it('rolls back everything in a failed transaction', async () => {
      const uow = createUnitOfWork(db);
      const a = sampleAppointment();
      await uow
        .transaction(async (r) => {
          await r.appointments.insert(a);
          await r.outbox.enqueue({ appointmentId: a.id, kind: 'confirmation', mail: mail(0) }, new Date());
          throw new Error('boom');
        })
        .catch(() => undefined);
      expect(await uow.run((r) => r.appointments.findById(a.id))).to.equal(null);
    });

    it('claims an inbound delivery id only once', async () => {
      const uow = createUnitOfWork(db);
      const answer = { appointmentId: randomUUID(), roomId: 'appt-x', status: 'scheduled' as const };
      expect(await uow.transaction((r) => r.inboundEvents.claim('generic', 'd-1', new Date()))).to.equal(true);
      expect(await uow.transaction((r) => r.inboundEvents.claim('generic', 'd-1', new Date()))).to.equal(false);
      expect(await uow.transaction((r) => r.inboundEvents.claim('calcom', 'd-1', new Date()))).to.equal(true);
      await uow.transaction((r) => r.inboundEvents.complete('generic', 'd-1', answer));
      const stored = await uow.run((r) => r.inboundEvents.find('generic', 'd-1'));
      expect(stored!.answer).to.deep.equal(answer);
    });

    it('hands every outbox row to exactly one of several concurrent claimers', async () => {
      const uow = createUnitOfWork(db);
      const now = new Date();
      for (let i = 1; i <= 12; i++)
        await uow.transaction((r) => r.outbox.enqueue({ appointmentId: null, kind: 'test', mail: mail(i) }, now));
      const claims = await Promise.all(
        ['a', 'b', 'c', 'd'].map((owner) =>
          uow.run((r) => r.outbox.claimDue(owner, new Date(now.getTime() + 1000), 60_000, 5)),
        ),
      );
      const ids = claims.flat().map((c) => c.id);
      expect(new Set(ids).size).to.equal(ids.length);
      // Whatever was not claimed yet is claimed by a later pass; nothing is claimed twice while leased.
      const rest = await uow.run((r) => r.outbox.claimDue('e', new Date(now.getTime() + 2000), 60_000, 50));
      const all = [...ids, ...rest.map((c) => c.id)];
      expect(new Set(all).size).to.equal(all.length);
      expect(all.length).to.be.at.least(12);
      const claimed = claims.flat()[0]!.mail;
      expect('subject' in claimed ? claimed.subject : null).to.match(/^Mail \d+$/);
    });
  });
}
