/**
 * Issue 11, item 11 (docs/adr/0015): the booking facts for the ID check's security questions — date of
 * birth, street, postcode as the booking system sent them, plus e-mail and phone — go into the clerk's
 * join token (`appt.verify`) and nowhere a citizen could read them: not their token, not their mail.
 */
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { birthDateOf, factsFromFields } from '../../connector/src/domain/verify-facts.ts';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { calBody, calBooking, postCalcom } from './calcom-payloads.ts';
import {
  makeGenericPayload,
  postGenericWebhook,
  startConnector,
  waitForMail,
  type StartedConnector,
} from './support.ts';

const CALCOM_SECRET = 'calcom-test-secret-verify-0123456789';
const claimsOf = (link: string) =>
  jwt.decode(link.slice(link.indexOf('#') + 1)) as jwt.JwtPayload & Record<string, any>;

describe('booking facts for the ID-check questions: reading them', () => {
  const now = new Date('2026-12-07T10:00:00Z');

  it('reads a date of birth in ISO and German notation and refuses impossible or future dates', () => {
    expect(birthDateOf('1990-04-27', now)).to.equal('1990-04-27');
    expect(birthDateOf('27.04.1990', now)).to.equal('1990-04-27');
    expect(birthDateOf('7/4/1990', now)).to.equal('1990-04-07');
    expect(birthDateOf('1990-02-30', now)).to.equal(undefined);
    expect(birthDateOf('2030-01-01', now)).to.equal(undefined);
    expect(birthDateOf('gestern', now)).to.equal(undefined);
    expect(birthDateOf(19900427, now)).to.equal(undefined);
  });

  it('finds facts by field name or by the form label, and splits a one-line address', () => {
    expect(factsFromFields({ geburtsdatum: '01.02.1985', PLZ: '69117', Straße: 'Marktplatz 10' }, now)).to.deep.equal({
      birthDate: '1985-02-01',
      postcode: '69117',
      street: 'Marktplatz 10',
    });
    expect(
      factsFromFields(
        {
          q1: { label: 'Ihr Geburtsdatum', value: '1985-02-01' },
          q2: { label: 'Anschrift', value: 'Hauptstraße 5, 69117 Heidelberg' },
        },
        now,
      ),
    ).to.deep.equal({
      birthDate: '1985-02-01',
      street: 'Hauptstraße 5',
      postcode: '69117',
    });
    // Nothing that only looks similar, nothing unusable.
    expect(
      factsFromFields(
        {
          notes: '27.04.1990',
          zip: 'no',
          birthDate: 'unknown',
          email: { label: 'email_address', value: 'x@example.org' },
        },
        now,
      ),
    ).to.deep.equal({});
  });
});

for (const { kind, create } of DATABASES) {
  describe(`booking facts for the ID-check questions: into the clerk's token only (${kind})`, function () {
    this.timeout(30_000);
    let db: TestDatabase;
    let c: StartedConnector;

    before(async () => {
      db = await create();
      c = await startConnector({ databaseUrl: db.url, env: { CALCOM_WEBHOOK_SECRET: CALCOM_SECRET } });
    });
    after(async () => {
      await c?.close();
      await db?.drop();
    });

    it('generic webhook: birth date and address reach the clerk token, never the citizen token or mail, and survive a re-delivery', async () => {
      const payload = makeGenericPayload({
        appointment: {
          citizen: {
            name: 'Erika Mustermann',
            email: 'erika.facts@example.org',
            phone: '+49 6221 58-0',
            locale: 'de',
            birthDate: '1984-08-12',
            address: { street: 'Marktplatz 10', postcode: '69117', city: 'Heidelberg' },
          },
        },
      });
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(res.status).to.equal(200);
      const expected = {
        birthDate: '1984-08-12',
        postcode: '69117',
        street: 'Marktplatz 10',
        email: 'erika.facts@example.org',
        phone: '+49 6221 58-0',
      };
      expect(claimsOf(res.body.links.clerk).appt.verify).to.deep.equal(expected);
      const citizen = claimsOf(res.body.links.citizen);
      expect(citizen.appt).to.not.have.property('verify');
      expect(JSON.stringify(citizen)).to.not.include('1984').and.not.include('Marktplatz');
      const mail = await waitForMail(c.baseUrl, (m) => m.to[0] === 'erika.facts@example.org');
      expect(`${mail.subject}\n${mail.text}`).to.not.match(/1984|12\.08\.|Marktplatz|69117/);
      // The same booking again: the links are re-signed from what was stored, facts included.
      const again = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(again.status).to.equal(200);
      expect(claimsOf(again.body.links.clerk).appt.verify).to.deep.equal(expected);
    });

    it('generic webhook: a malformed birth date is refused with a clear error', async () => {
      const payload = makeGenericPayload({
        appointment: { citizen: { name: 'Erika Mustermann', email: 'erika@example.org', birthDate: '12.08.1984' } },
      });
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload as any);
      expect(res.status).to.equal(422);
      expect(JSON.stringify(res.body)).to.match(/birthDate/);
    });

    it('generic webhook without facts: the clerk token holds only the e-mail (and phone) the booking has', async () => {
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, makeGenericPayload());
      expect(claimsOf(res.body.links.clerk).appt.verify).to.deep.equal({ email: 'erika@example.org' });
    });

    it('Cal.com: the booking form answers "Geburtsdatum" and "Postleitzahl" become facts of the clerk token', async () => {
      const booking = calBooking();
      booking.responses.birth = { label: 'Geburtsdatum', value: '03.11.1979' };
      booking.responses.plz = { label: 'Postleitzahl', value: '69115' };
      const res = await postCalcom(c.baseUrl, CALCOM_SECRET, calBody('BOOKING_CREATED', booking));
      expect(res.status).to.equal(200);
      expect(claimsOf(res.body.links.clerk).appt.verify).to.deep.equal({
        birthDate: '1979-11-03',
        postcode: '69115',
        email: 'erika@example.org',
        phone: '+49 30 1234567',
      });
      expect(claimsOf(res.body.links.citizen).appt).to.not.have.property('verify');
    });
  });
}
