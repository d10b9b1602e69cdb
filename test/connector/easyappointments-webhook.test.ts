import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import {
  eaCustomer,
  eaRow,
  fillFake,
  localIn,
  postEasyAppointments,
  startFakeEasyAppointments,
  type FakeEasyAppointments,
} from './easyappointments-fake.ts';
import {
  openDatabaseProbe,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

const SECRET = 'ea_9f8e7d6c5b4a39281706f5e4d3c2b1a0_webhook';
const API_KEY = 'ea-api-key-0123456789';
const claimsOf = (link: string) =>
  jwt.decode(link.slice(link.indexOf('#') + 1)) as jwt.JwtPayload & Record<string, any>;
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as any;
const instant = (v: unknown) => new Date(v as string).toISOString();
let nextId = 1000;
const newId = () => nextId++;

for (const { kind, create } of DATABASES) {
  describe(`Easy!Appointments webhook (${kind})`, function () {
    this.timeout(30_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    let fake: FakeEasyAppointments;

    before(async () => {
      db = await create();
      fake = await startFakeEasyAppointments(`Bearer ${API_KEY}`);
      fillFake(fake);
      c = await startConnector({
        databaseUrl: db.url,
        webhookSecret: null,
        env: {
          EASYAPPOINTMENTS_WEBHOOK_SECRET: SECRET,
          EASYAPPOINTMENTS_API_URL: fake.url,
          EASYAPPOINTMENTS_API_KEY: API_KEY,
          EASYAPPOINTMENTS_SERVICE_MAP: JSON.stringify({ 3: ['anmeldung'], 4: ['meldebescheinigung'] }),
          ALLOW_PRIVATE_TARGETS: 'true',
          TIMEZONE: 'Europe/Berlin',
        },
      });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await fake?.close();
      await db?.drop();
    });

    const post = (body: unknown, options?: { contentType?: string }) =>
      postEasyAppointments(c.baseUrl, SECRET, body, options);
    const save = (row: Record<string, unknown>) => post({ action: 'appointment_save', payload: row });
    const rowOf = async (id: number) =>
      (await probe.rows('appointments', { source: 'easyappointments', external_id: String(id) }))[0]!;
    const counts = async () => [
      await probe.count('appointments'),
      await probe.count('mail_outbox'),
      await probe.count('inbound_events'),
      await probe.count('link_revocations'),
    ];
    async function expectNoEffect(act: () => Promise<void>): Promise<void> {
      const before = await counts();
      await act();
      expect(await counts()).to.deep.equal(before);
    }

    it('appointment_save of a new appointment creates it, with customer, service and provider looked up through the REST API', async () => {
      const id = newId();
      const res = await save(eaRow(id, localIn(3, '10:00'), localIn(3, '10:30')));
      expect(res.status).to.equal(200);
      expect(res.body.roomId).to.equal(`appt-${res.body.appointmentId}`);
      expect(Object.keys(res.body.links).sort()).to.deep.equal(['cancel', 'citizen', 'clerk', 'ics']);

      const row = await rowOf(id);
      expect(row.title).to.equal('Anmeldung einer Wohnung');
      expect(json(row.services)).to.deep.equal(['anmeldung']);
      expect(json(row.citizen)).to.deep.equal({
        name: 'Erika Mustermann',
        email: 'erika@example.org',
        phone: '+49 30 1234567',
        locale: 'de',
        verify: { street: 'Musterstraße 1', postcode: '12345' },
      });
      expect(json(row.clerk)).to.deep.include({ id: '2', name: 'Max Schulz', email: 'schulz@buergeramt.example.org' });
      expect(row.notes).to.equal('Bitte Personalausweis bereithalten');

      const calls = fake.requests.map((r) => r.path);
      expect(calls).to.include.members([
        '/index.php/api/v1/customers/17',
        '/index.php/api/v1/services/3',
        '/index.php/api/v1/providers/2',
      ]);
      expect(fake.requests.every((r) => r.authorization === `Bearer ${API_KEY}`)).to.equal(true);

      const mail = await waitForMail(c.baseUrl, (m) => m.text.includes(res.body.links.citizen));
      expect(mail.to).to.deep.equal(['erika@example.org']);
      expect(claimsOf(res.body.links.clerk).name).to.equal('Max Schulz');
      // The customer's address becomes the clerk's ID-check facts (issue 11, item 11), not the citizen's.
      expect(claimsOf(res.body.links.clerk).appt.verify).to.deep.equal({
        postcode: '12345',
        street: 'Musterstraße 1',
        email: 'erika@example.org',
        phone: '+49 30 1234567',
      });
      expect(claimsOf(res.body.links.citizen).appt).to.not.have.property('verify');
    });

    it('reads the local times in TIMEZONE, right on both sides of a DST change', async () => {
      const beforeSpring = newId();
      const acrossSpring = newId();
      const afterAutumn = newId();
      const twiceInAutumn = newId();
      await save(eaRow(beforeSpring, '2027-03-26 10:00:00', '2027-03-26 10:30:00'));
      await save(eaRow(acrossSpring, '2027-03-28 01:30:00', '2027-03-28 03:30:00'));
      await save(eaRow(afterAutumn, '2027-11-01 10:00:00', '2027-11-01 10:30:00'));
      await save(eaRow(twiceInAutumn, '2027-10-31 02:30:00', '2027-10-31 03:30:00'));
      expect(instant((await rowOf(beforeSpring)).start_at)).to.equal('2027-03-26T09:00:00.000Z');
      // 01:30 CET to 03:30 CEST is one real hour.
      expect(instant((await rowOf(acrossSpring)).start_at)).to.equal('2027-03-28T00:30:00.000Z');
      expect(instant((await rowOf(acrossSpring)).end_at)).to.equal('2027-03-28T01:30:00.000Z');
      expect(instant((await rowOf(afterAutumn)).start_at)).to.equal('2027-11-01T09:00:00.000Z');
      // 02:30 happens twice that night: the first (CEST) is meant; 03:30 CET is then 2 real hours later.
      expect(instant((await rowOf(twiceInAutumn)).start_at)).to.equal('2027-10-31T00:30:00.000Z');
      expect(instant((await rowOf(twiceInAutumn)).end_at)).to.equal('2027-10-31T02:30:00.000Z');

      // Moving the first one over the change: same wall time, one hour less offset.
      const moved = await save(eaRow(beforeSpring, '2027-03-29 10:00:00', '2027-03-29 10:30:00'));
      expect(moved.status).to.equal(200);
      expect(instant((await rowOf(beforeSpring)).start_at)).to.equal('2027-03-29T08:00:00.000Z');
      const claims = claimsOf(moved.body.links.citizen);
      expect(claims.appt.start).to.equal('2027-03-29T08:00:00.000Z');
      expect(claims.appt.tz).to.equal('Europe/Berlin');
    });

    it('the same save again (a repeated delivery) changes nothing: the same links, no mail, same appointment', async () => {
      const id = newId();
      const row = eaRow(id, localIn(4, '09:00'), localIn(4, '09:30'));
      const first = await save(row);
      const stored = await rowOf(id);
      const before = await counts();
      const again = await save(row);
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.include({
        appointmentId: first.body.appointmentId,
        roomId: first.body.roomId,
        status: 'scheduled',
      });
      expect(claimsOf(again.body.links.citizen).jti).to.equal(claimsOf(first.body.links.citizen).jti);
      expect(again.body.links.ics).to.equal(first.body.links.ics);
      const after = await counts();
      expect([after[0], after[1], after[3]]).to.deep.equal([before[0], before[1], before[3]]);
      expect((await rowOf(id)).citizen_jti).to.equal(stored.citizen_jti);
    });

    it('a save with other notes and another service updates those fields, keeps the links and sends no mail', async () => {
      const id = newId();
      const start = localIn(5, '11:00');
      const first = await save(eaRow(id, start, localIn(5, '11:30')));
      const outbox = await probe.count('mail_outbox', { appointment_id: first.body.appointmentId });
      const res = await save(eaRow(id, start, localIn(5, '11:30'), { notes: 'Mit Dolmetscher', id_services: 4 }));
      expect(res.status).to.equal(200);
      expect(claimsOf(res.body.links.citizen).jti).to.equal(claimsOf(first.body.links.citizen).jti);
      const row = await rowOf(id);
      expect(row.notes).to.equal('Mit Dolmetscher');
      expect(row.title).to.equal('Meldebescheinigung');
      expect(json(row.services)).to.deep.equal(['meldebescheinigung']);
      expect(row.citizen_jti).to.equal(claimsOf(first.body.links.citizen).jti);
      expect(Number(row.sequence)).to.equal(0);
      expect(await probe.count('mail_outbox', { appointment_id: first.body.appointmentId })).to.equal(outbox);
    });

    it('a save with other times moves the appointment: new links, the old ones revoked, sequence + 1, mail', async () => {
      const id = newId();
      const first = await save(eaRow(id, localIn(6, '14:00'), localIn(6, '14:30')));
      const old = claimsOf(first.body.links.citizen);
      const res = await save(eaRow(id, localIn(7, '15:00'), localIn(7, '15:45')));
      expect(res.status).to.equal(200);
      expect(res.body.appointmentId).to.equal(first.body.appointmentId);
      for (const k of ['citizen', 'clerk', 'cancel', 'ics'])
        expect(res.body.links[k]).to.not.equal(first.body.links[k]);
      const row = await rowOf(id);
      expect(Number(row.sequence)).to.equal(1);
      expect(await probe.count('appointments', { source: 'easyappointments', external_id: String(id) })).to.equal(1);
      const revoked = await probe.rows('link_revocations', { appointment_id: first.body.appointmentId });
      expect(revoked.find((r) => r.kind === 'citizen')!.jti).to.equal(old.jti);
      const mail = await waitForMail(c.baseUrl, (m) => m.text.includes(res.body.links.citizen));
      expect(mail.subject).to.match(/verschoben/);
    });

    it('appointment_delete cancels; deleting one it never saw is answered 200 ignored', async () => {
      const id = newId();
      const row = eaRow(id, localIn(8, '10:00'), localIn(8, '10:30'));
      const first = await save(row);
      const res = await post({ action: 'appointment_delete', payload: row });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({
        appointmentId: first.body.appointmentId,
        roomId: first.body.roomId,
        status: 'cancelled',
      });
      expect((await rowOf(id)).status).to.equal('cancelled');
      expect(
        await probe.count('mail_outbox', { appointment_id: first.body.appointmentId, kind: 'cancelled' }),
      ).to.equal(1);
      await waitForMail(c.baseUrl, (m) => m.subject.includes('abgesagt') && m.to[0] === 'erika@example.org');

      await expectNoEffect(async () => {
        const unknown = await post({
          action: 'appointment_delete',
          payload: eaRow(newId(), localIn(8, '10:00'), localIn(8, '10:30')),
        });
        expect(unknown.status).to.equal(200);
        expect(unknown.body).to.deep.equal({ ignored: true, reason: 'unknown_appointment' });
      });
    });

    it('a save whose status says cancelled cancels the appointment', async () => {
      const id = newId();
      const row = eaRow(id, localIn(9, '10:00'), localIn(9, '10:30'));
      await save(row);
      const res = await save({ ...row, status: 'Cancelled' });
      expect(res.status).to.equal(200);
      expect(res.body.status).to.equal('cancelled');
      expect((await rowOf(id)).status).to.equal('cancelled');
    });

    it('accepts the REST API form of an appointment (camelCase) as payload', async () => {
      const id = newId();
      const res = await save({
        id,
        book: '2026-01-15 09:12:44',
        start: '2027-06-02 10:00:00',
        end: '2027-06-02 10:30:00',
        hash: 'x1',
        notes: '',
        customerId: 18,
        providerId: 2,
        serviceId: 3,
      });
      expect(res.status).to.equal(200);
      const row = await rowOf(id);
      expect(instant(row.start_at)).to.equal('2027-06-02T08:00:00.000Z');
      expect(json(row.citizen)).to.deep.equal({
        name: 'John Doe',
        email: 'john@example.org',
        locale: 'en',
        verify: { street: 'Musterstraße 1', postcode: '12345' },
      });
      const mail = await waitForMail(c.baseUrl, (m) => m.to[0] === 'john@example.org');
      expect(mail.subject).to.match(/video appointment/i);
    });

    it('a customer look-up that fails stores the appointment without mail; once the address is known it gets a confirmation with new links', async () => {
      const id = newId();
      const row = eaRow(id, localIn(10, '10:00'), localIn(10, '10:30'), { id_users_customer: 99 });
      const first = await save(row);
      expect(first.status).to.equal(200);
      expect(first.body.links.citizen).to.be.a('string');
      const stored = await rowOf(id);
      expect(json(stored.citizen)).to.deep.equal({ name: 'Kundin/Kunde Nr. 99', email: '' });
      expect(await probe.count('mail_outbox', { appointment_id: first.body.appointmentId })).to.equal(0);

      fake.customers.set('99', eaCustomer(99, { firstName: 'Lea', lastName: 'Neu', email: 'lea@example.org' }));
      const res = await save({ ...row, notes: 'geändert' });
      expect(res.status).to.equal(200);
      expect(res.body.links.citizen).to.not.equal(first.body.links.citizen);
      const revoked = await probe.rows('link_revocations', { appointment_id: first.body.appointmentId });
      expect(revoked.find((r) => r.kind === 'citizen')).to.deep.include({
        jti: claimsOf(first.body.links.citizen).jti,
        reason: 'reissued',
      });
      const mail = await waitForMail(c.baseUrl, (m) => m.to[0] === 'lea@example.org');
      expect(mail.text).to.include(res.body.links.citizen);
      expect(mail.subject).to.not.match(/verschoben/);

      // A later failing look-up does not forget the address.
      fake.customers.delete('99');
      const later = await save({ ...row, notes: 'noch einmal' });
      expect(later.status).to.equal(200);
      expect(json((await rowOf(id)).citizen).email).to.equal('lea@example.org');
    });

    it('ignores other actions, unavailabilities and services outside EASYAPPOINTMENTS_SERVICE_MAP with 200', async () => {
      await expectNoEffect(async () => {
        for (const body of [
          { action: 'customer_save', payload: eaCustomer(17) },
          { action: 'provider_delete', payload: { id: 2 } },
          {
            action: 'appointment_save',
            payload: eaRow(newId(), localIn(3, '08:00'), localIn(3, '08:30'), {
              is_unavailability: true,
              id_users_customer: null,
            }),
          },
          {
            action: 'appointment_save',
            payload: eaRow(newId(), localIn(3, '08:00'), localIn(3, '08:30'), { id_services: 8 }),
          },
          {
            action: 'appointment_delete',
            payload: eaRow(newId(), localIn(3, '08:00'), localIn(3, '08:30'), { id_services: 8 }),
          },
        ]) {
          const res = await post(body);
          expect(res.status, body.action).to.equal(200);
          expect(res.body.ignored).to.equal(true);
        }
      });
    });

    it('answers a wrong path secret exactly like an unknown route (404) and changes nothing', async () => {
      const body = { action: 'appointment_save', payload: eaRow(newId(), localIn(3, '10:00'), localIn(3, '10:30')) };
      const unknownRoute = await fetch(`${c.baseUrl}/webhooks/nowhere`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const expected = await unknownRoute.json();
      await expectNoEffect(async () => {
        for (const wrong of [SECRET.slice(0, -1) + 'x', SECRET.slice(0, -1), 'a', `${SECRET}0`]) {
          const res = await postEasyAppointments(c.baseUrl, wrong, body);
          expect(res.status, wrong).to.equal(404);
          expect(res.body).to.deep.equal(expected);
        }
        expect(
          (
            await fetch(`${c.baseUrl}/webhooks/easyappointments`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            })
          ).status,
        ).to.equal(404);
      });
    });

    it('refuses another content type (415), a body over 1 MB (413) and malformed JSON (400), changing nothing', async () => {
      await expectNoEffect(async () => {
        expect(
          (await post('action=appointment_save', { contentType: 'application/x-www-form-urlencoded' })).status,
        ).to.equal(415);
        const big = {
          action: 'appointment_save',
          payload: eaRow(newId(), localIn(3, '10:00'), localIn(3, '10:30'), { notes: 'x'.repeat(1024 * 1024 + 1) }),
        };
        expect((await post(big)).status).to.equal(413);
        const malformed = await post('{"action": "appointment_save", "payload": {');
        expect(malformed.status).to.equal(400);
        expect(malformed.body.error).to.equal('malformed_json');
      });
    });

    it('refuses schema violations with 422 naming the fields, changing nothing', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [
          { action: 'appointment_save', payload: { ...eaRow(newId(), '', ''), start_datetime: undefined } },
          'payload.start_datetime',
        ],
        [
          { action: 'appointment_save', payload: eaRow(newId(), '2027-02-30 10:00:00', '2027-02-30 10:30:00') },
          'payload.start_datetime',
        ],
        [
          { action: 'appointment_save', payload: eaRow(newId(), '2027-05-03T10:00:00+02:00', '2027-05-03 10:30:00') },
          'payload.start_datetime',
        ],
        [
          { action: 'appointment_save', payload: eaRow(newId(), '2027-05-03 10:30:00', '2027-05-03 10:00:00') },
          'payload.end_datetime',
        ],
        [
          { action: 'appointment_save', payload: eaRow(newId(), '2027-05-03 10:00:00', '2027-05-05 10:00:00') },
          'payload.end_datetime',
        ],
        [
          {
            action: 'appointment_save',
            payload: eaRow(0, '2027-05-03 10:00:00', '2027-05-03 10:30:00', { id: 'abc' }),
          },
          'payload.id',
        ],
        [{ action: 'appointment_delete', payload: {} }, 'payload.id'],
        [{ payload: {} }, 'action'],
      ];
      await expectNoEffect(async () => {
        for (const [body, path] of cases) {
          const res = await post(body);
          expect(res.status, path).to.equal(422);
          expect(
            res.body.issues.map((i: any) => i.path),
            JSON.stringify(res.body.issues),
          ).to.include(path);
        }
      });
    });
  });
}
