import { createPublicKey, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { newSecret as generateSecret, sign } from '../support/standard-webhooks.ts';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import {
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

/** Verifies a join token the way the video service does: key from the JWKS served over HTTP, ES256 only. */
async function verifyWithJwks(baseUrl: string, token: string): Promise<jwt.JwtPayload & Record<string, any>> {
  const jwks = (await (await fetch(`${baseUrl}/.well-known/jwks.json`)).json()) as {
    keys: Array<Record<string, string>>;
  };
  const { header } = jwt.decode(token, { complete: true })!;
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  expect(jwk, 'a JWKS key with the token kid').to.exist;
  const key = createPublicKey({ key: jwk as any, format: 'jwk' });
  return jwt.verify(token, key, { algorithms: ['ES256'], audience: 'video-service' }) as jwt.JwtPayload &
    Record<string, any>;
}

const tokenOf = (link: string) => link.slice(link.indexOf('#') + 1);

for (const { kind, create } of DATABASES) {
  describe(`generic webhook (${kind})`, function () {
    this.timeout(30_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let probe: DatabaseProbe;

    before(async () => {
      db = await create();
      c = await startConnector({ databaseUrl: db.url, env: { VIDEO_PUBLIC_URL: 'http://video.test:4000' } });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await db?.drop();
    });

    /** Runs `act` and asserts it stored neither an appointment nor an outbox row. */
    async function expectNoEffect(act: () => Promise<void>): Promise<void> {
      const before = [
        await probe.count('appointments'),
        await probe.count('mail_outbox'),
        await probe.count('inbound_events'),
      ];
      await act();
      const after = [
        await probe.count('appointments'),
        await probe.count('mail_outbox'),
        await probe.count('inbound_events'),
      ];
      expect(after).to.deep.equal(before);
    }

    it('creates an appointment and answers with links whose citizen token verifies against the JWKS', async () => {
      const payload = makeGenericPayload();
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(res.status).to.equal(200);
      const { appointmentId, roomId, links } = res.body;
      expect(appointmentId).to.match(/^[0-9a-f-]{36}$/);
      expect(roomId).to.equal(`appt-${appointmentId}`);
      expect(links.citizen).to.match(/^http:\/\/video\.test:4000\/join#ey/);
      expect(links.clerk).to.match(/^http:\/\/video\.test:4000\/join#ey/);
      expect(links.cancel).to.match(/^http:\/\/localhost:\d+\/cancel#ey/);
      expect(links.ics).to.match(
        new RegExp(`^http://localhost:\\d+/appointments/${appointmentId}\\.ics\\?key=[\\w-]{43}$`),
      );

      const claims = await verifyWithJwks(c.baseUrl, tokenOf(links.citizen));
      const start = Date.parse(payload.appointment.start) / 1000;
      const end = Date.parse(payload.appointment.end) / 1000;
      expect(claims).to.include({
        iss: c.connector.publicUrl,
        aud: 'video-service',
        sub: `citizen-${appointmentId}`,
        room: roomId,
        role: 'citizen',
        name: 'Erika Mustermann',
        nbf: start - 15 * 60,
        exp: end + 60 * 60,
      });
      expect(claims.jti).to.be.a('string').and.not.empty;
      expect(claims.appt).to.deep.equal({
        id: appointmentId,
        title: payload.appointment.title,
        start: new Date(payload.appointment.start).toISOString(),
        end: new Date(payload.appointment.end).toISOString(),
        tz: 'Europe/Berlin',
        services: ['anmeldung'],
        locale: 'de',
      });

      const clerk = await verifyWithJwks(c.baseUrl, tokenOf(links.clerk));
      expect(clerk).to.include({ role: 'clerk', sub: 'clerk-clerk-7', name: 'Max Schulz', room: roomId });

      const [row] = await probe.rows('appointments', { id: appointmentId });
      expect(row).to.include({
        source: 'generic',
        external_id: payload.appointment.id,
        status: 'scheduled',
        citizen_jti: claims.jti,
      });
      expect(await probe.count('mail_outbox', { appointment_id: appointmentId })).to.equal(1);
    });

    it('refuses a bad signature with 401 and stores nothing', async () => {
      await expectNoEffect(async () => {
        const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, makeGenericPayload(), {
          signWith: generateSecret(),
        });
        expect(res.status).to.equal(401);
        expect(res.body.error).to.equal('bad_signature');
      });
    });

    it('refuses a request without signature headers with 401', async () => {
      await expectNoEffect(async () => {
        const res = await fetch(`${c.baseUrl}/webhooks/generic`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(makeGenericPayload()),
        });
        expect(res.status).to.equal(401);
      });
    });

    it('accepts a signature list in which any one entry matches (secret rotation)', async () => {
      const body = JSON.stringify(makeGenericPayload());
      const id = `msg_${randomUUID()}`;
      const ts = Math.floor(Date.now() / 1000);
      const good = sign(c.webhookSecret, body, { id, timestamp: ts }).headers['webhook-signature']!;
      const other = sign(generateSecret(), body, { id, timestamp: ts }).headers['webhook-signature']!;
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, body, {
        id,
        timestamp: ts,
        signature: `${other} ${good}`,
      });
      expect(res.status).to.equal(200);
      await expectNoEffect(async () => {
        const refused = await postGenericWebhook(c.baseUrl, c.webhookSecret, body, {
          id,
          timestamp: ts,
          signature: other,
        });
        expect(refused.status).to.equal(401);
      });
    });

    it('refuses a stale or future timestamp with 401', async () => {
      await expectNoEffect(async () => {
        const now = Math.floor(Date.now() / 1000);
        const stale = await postGenericWebhook(c.baseUrl, c.webhookSecret, makeGenericPayload(), {
          timestamp: now - 6 * 60,
        });
        expect(stale.status).to.equal(401);
        expect(stale.body.error).to.equal('stale_timestamp');
        const future = await postGenericWebhook(c.baseUrl, c.webhookSecret, makeGenericPayload(), {
          timestamp: now + 6 * 60,
        });
        expect(future.status).to.equal(401);
      });
    });

    it('answers the same webhook-id twice with the same answer and one appointment', async () => {
      const payload = makeGenericPayload();
      const first = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload, { id: 'msg_same_twice' });
      const second = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload, { id: 'msg_same_twice' });
      expect(first.status).to.equal(200);
      expect(second.status).to.equal(200);
      expect(second.body).to.deep.equal(first.body);
      expect(await probe.count('appointments', { external_id: payload.appointment.id })).to.equal(1);
      expect(await probe.count('mail_outbox', { appointment_id: first.body.appointmentId })).to.equal(1);
    });

    it('applies concurrent deliveries of one webhook-id once', async () => {
      const payload = makeGenericPayload();
      const id = `msg_${randomUUID()}`;
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => postGenericWebhook(c.baseUrl, c.webhookSecret, payload, { id })),
      );
      expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 200, 200, 200]);
      for (const a of answers) expect(a.body).to.deep.equal(answers[0]!.body);
      expect(await probe.count('appointments', { external_id: payload.appointment.id })).to.equal(1);
      expect(await probe.count('inbound_events', { delivery_id: id })).to.equal(1);
    });

    it('refuses malformed JSON with 400', async () => {
      await expectNoEffect(async () => {
        const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, '{"type": "appointment.created", ');
        expect(res.status).to.equal(400);
        expect(res.body.error).to.equal('malformed_json');
      });
    });

    it('refuses another content type with 415', async () => {
      await expectNoEffect(async () => {
        const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, JSON.stringify(makeGenericPayload()), {
          contentType: 'text/plain',
        });
        expect(res.status).to.equal(415);
      });
    });

    it('refuses a body over 1 MB with 413', async () => {
      await expectNoEffect(async () => {
        const payload = makeGenericPayload({ appointment: { notes: 'x'.repeat(1024 * 1024) } });
        const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
        expect(res.status).to.equal(413);
      });
    });

    it('refuses a schema violation with 422 naming the field', async () => {
      await expectNoEffect(async () => {
        const payload = makeGenericPayload({ appointment: { start: '2030-06-01T10:00:00' } });
        const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
        expect(res.status).to.equal(422);
        expect(res.body.error).to.be.a('string');
        expect(res.body.issues.map((i: { path: string }) => i.path)).to.include('appointment.start');
        expect(res.body.issues[0].message).to.be.a('string').and.not.empty;

        const noMail = makeGenericPayload();
        (noMail.appointment.citizen as { email?: string }).email = 'not-an-address';
        const res2 = await postGenericWebhook(c.baseUrl, c.webhookSecret, noMail);
        expect(res2.status).to.equal(422);
        expect(res2.body.issues.map((i: { path: string }) => i.path)).to.deep.equal(['appointment.citizen.email']);

        const backwards = makeGenericPayload();
        backwards.appointment.end = backwards.appointment.start;
        const res3 = await postGenericWebhook(c.baseUrl, c.webhookSecret, backwards);
        expect(res3.status).to.equal(422);
        expect(res3.body.issues.map((i: { path: string }) => i.path)).to.deep.equal(['appointment.end']);
      });
    });

    it('a second delivery creating the same booking again answers 200 with the same appointment and links, mailing nothing', async () => {
      const payload = makeGenericPayload();
      const first = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(first.status).to.equal(200);
      const mails = await probe.count('mail_outbox');
      const again = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(again.status).to.equal(200);
      expect(again.body.appointmentId).to.equal(first.body.appointmentId);
      const fragment = (link: string) => link.slice(link.indexOf('#') + 1);
      const jti = (link: string) => (jwt.decode(fragment(link)) as { jti?: string } | null)?.jti ?? fragment(link);
      for (const k of ['citizen', 'clerk', 'cancel'])
        expect(jti(again.body.links[k]), k).to.equal(jti(first.body.links[k]));
      expect(await probe.count('appointments', { external_id: payload.appointment.id })).to.equal(1);
      expect(await probe.count('mail_outbox')).to.equal(mails);
    });
  });
}

describe('generic webhook without a configured secret', function () {
  this.timeout(20_000);
  let c: StartedConnector;
  before(async () => {
    c = await startConnector({ webhookSecret: null });
  });
  after(() => c?.close());

  it('answers 503 not_configured', async () => {
    const res = await postGenericWebhook(c.baseUrl, generateSecret(), makeGenericPayload());
    expect(res.status).to.equal(503);
    expect(res.body.error).to.equal('not_configured');
  });
});
