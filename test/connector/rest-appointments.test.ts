import { createPublicKey, createVerify } from 'node:crypto';
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { API_ENV, API_KEY, OTHER_API_KEY, api, futureStart, makeApiAppointment, tokenClaims } from './rest-support.ts';
import {
  listMailbox,
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';
import { outboxesDrained } from './outbox-drained.ts';

/** Verifies an ES256 JWT against the connector's JWKS. */
async function verifiesAgainstJwks(baseUrl: string, link: string): Promise<boolean> {
  const token = link.slice(link.indexOf('#') + 1);
  const [h, p, s] = token.split('.') as [string, string, string];
  const { keys } = (await (await fetch(`${baseUrl}/.well-known/jwks.json`)).json()) as { keys: any[] };
  const kid = JSON.parse(Buffer.from(h, 'base64url').toString()).kid;
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk) return false;
  const verifier = createVerify('SHA256').update(`${h}.${p}`);
  return verifier.verify(
    { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
}

for (const { kind, create } of DATABASES) {
  describe(`REST API: create, read, list (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    const local = (link: string) => link.replace(/^http:\/\/localhost:\d+/, c.baseUrl);
    const counts = async () => ({
      appointments: await probe.count('appointments'),
      mails: await probe.count('mail_outbox'),
      keys: await probe.count('api_idempotency_keys'),
    });

    before(async () => {
      db = await create();
      c = await startConnector({ databaseUrl: db.url, env: API_ENV });
      probe = await openDatabaseProbe(c.databaseUrl);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await db?.drop();
    });

    it('creates an appointment (201, source api) with working links and mails the citizen', async () => {
      const body = makeApiAppointment({ services: ['anmeldung', 'fuehrungszeugnis'] }, '2031-03-03T09:00:00+01:00');
      const res = await api(c.baseUrl, '/api/appointments', { body });
      expect(res.status).to.equal(201);
      const a = res.body;
      expect(a).to.have.all.keys(
        'id',
        'source',
        'externalId',
        'status',
        'title',
        'start',
        'end',
        'timezone',
        'services',
        'citizen',
        'clerk',
        'roomId',
        'links',
      );
      expect(a.id).to.match(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('location')).to.equal(`/api/appointments/${a.id}`);
      expect(a).to.include({
        source: 'api',
        externalId: body.id,
        status: 'scheduled',
        title: body.title,
        timezone: 'Europe/Berlin',
        roomId: `appt-${a.id}`,
      });
      expect(a.start).to.equal('2031-03-03T09:00:00+01:00');
      expect(a.end).to.equal('2031-03-03T09:30:00+01:00');
      expect(a.services).to.deep.equal(['anmeldung', 'fuehrungszeugnis']);
      expect(a.citizen).to.deep.equal(body.citizen);
      expect(a.clerk).to.deep.equal(body.clerk);
      expect(a.links.citizen).to.match(/^http:\/\/localhost:4000\/join#ey/);
      expect(a.links.clerk).to.match(/^http:\/\/localhost:4000\/join#ey/);
      expect(a.links.cancel).to.match(/\/cancel#ey/);
      expect(await verifiesAgainstJwks(c.baseUrl, a.links.citizen)).to.equal(true);
      expect(tokenClaims(a.links.citizen)).to.include({ role: 'citizen', room: a.roomId });
      expect(tokenClaims(a.links.clerk)).to.include({ role: 'clerk', room: a.roomId, name: 'Max Schulz' });
      const ics = await fetch(local(a.links.ics));
      expect(ics.status).to.equal(200);
      expect(await ics.text()).to.include(`UID:${a.id}@localhost`);
      const mail = await waitForMail(c.baseUrl, (m) => m.text.includes(a.links.citizen));
      expect(mail.to).to.deep.equal(['erika@example.org']);
      const rows = await probe.rows('appointments', { id: a.id });
      expect(rows[0]).to.include({ source: 'api', external_id: body.id, clerk_id: 'clerk-7' });
    });

    it('reads an appointment with the same links it was created with (same token ids, same .ics link)', async () => {
      const created = (await api(c.baseUrl, '/api/appointments', { body: makeApiAppointment() })).body;
      const res = await api(c.baseUrl, `/api/appointments/${created.id}`);
      expect(res.status).to.equal(200);
      expect({ ...res.body, links: undefined }).to.deep.equal({ ...created, links: undefined });
      expect(tokenClaims(res.body.links.citizen).jti).to.equal(tokenClaims(created.links.citizen).jti);
      expect(tokenClaims(res.body.links.clerk).jti).to.equal(tokenClaims(created.links.clerk).jti);
      expect(tokenClaims(res.body.links.cancel).jti).to.equal(tokenClaims(created.links.cancel).jti);
      expect(res.body.links.ics).to.equal(created.links.ics);
      const [row] = await probe.rows('appointments', { id: created.id });
      expect(row!.citizen_jti).to.equal(tokenClaims(res.body.links.citizen).jti);
    });

    it('reads appointments of other sources too (a generic webhook booking)', async () => {
      const hook = await postGenericWebhook(c.baseUrl, c.webhookSecret, makeGenericPayload());
      const res = await api(c.baseUrl, `/api/appointments/${hook.body.appointmentId}`);
      expect(res.status).to.equal(200);
      expect(res.body.source).to.equal('generic');
      expect(res.body.links.ics).to.equal(hook.body.links.ics);
      expect(tokenClaims(res.body.links.citizen).jti).to.equal(tokenClaims(hook.body.links.citizen).jti);
    });

    it('answers 404 for an unknown or malformed id', async () => {
      expect((await api(c.baseUrl, '/api/appointments/00000000-0000-4000-8000-000000000000')).status).to.equal(404);
      const res = await api(c.baseUrl, '/api/appointments/not-an-id');
      expect(res.status).to.equal(404);
      expect(res.body.error).to.equal('appointment_not_found');
    });

    it('refuses a second appointment with the same id with 409 and creates nothing', async () => {
      const body = makeApiAppointment();
      expect((await api(c.baseUrl, '/api/appointments', { body })).status).to.equal(201);
      const before = await counts();
      const res = await api(c.baseUrl, '/api/appointments', { body: { ...body, title: 'Other' } });
      expect(res.status).to.equal(409);
      expect(res.body.error).to.equal('appointment_exists');
      expect(await counts()).to.deep.equal(before);
    });

    it('refuses bad input with its status and field paths, changing nothing', async () => {
      const before = await counts();
      const bad = makeApiAppointment({ citizen: { name: 'X', email: 'not-mail' }, end: '2020-01-01T00:00:00Z' });
      const r422 = await api(c.baseUrl, '/api/appointments', { body: bad });
      expect(r422.status).to.equal(422);
      expect(r422.body.error).to.equal('invalid_input');
      const paths = r422.body.issues.map((i: { path: string }) => i.path);
      expect(paths).to.include('citizen.email');
      const missing = await api(c.baseUrl, '/api/appointments', { body: { title: 'x' } });
      expect(missing.status).to.equal(422);
      expect(missing.body.issues.map((i: { path: string }) => i.path)).to.include.members([
        'id',
        'start',
        'end',
        'citizen',
      ]);
      expect((await api(c.baseUrl, '/api/appointments', { body: '{"id": ' })).status).to.equal(400);
      const r415 = await api(c.baseUrl, '/api/appointments', {
        body: JSON.stringify(makeApiAppointment()),
        headers: { 'content-type': 'text/plain' },
      });
      expect(r415.status).to.equal(415);
      const big = makeApiAppointment({ notes: 'x'.repeat(1_100_000) });
      expect((await api(c.baseUrl, '/api/appointments', { body: big })).status).to.equal(413);
      const badKey = await api(c.baseUrl, '/api/appointments', {
        body: makeApiAppointment(),
        headers: { 'idempotency-key': 'ä'.repeat(3) },
      });
      expect(badKey.status).to.equal(422);
      expect(badKey.body.issues[0].path).to.equal('Idempotency-Key');
      expect(await counts()).to.deep.equal(before);
    });

    it('refuses every route without a key, with a wrong key or another scheme (401), changing nothing', async () => {
      const created = (await api(c.baseUrl, '/api/appointments', { body: makeApiAppointment() })).body;
      await waitForMail(c.baseUrl, (m) => m.text.includes(created.links.citizen));
      const before = await counts();
      const routes: Array<[string, string, unknown]> = [
        ['POST', '/api/appointments', makeApiAppointment()],
        ['GET', '/api/appointments', undefined],
        ['GET', `/api/appointments/${created.id}`, undefined],
        ['POST', `/api/appointments/${created.id}/cancel`, {}],
        ['POST', `/api/appointments/${created.id}/links`, undefined],
        ['POST', '/api/clerks/clerk-7/calendar-link', undefined],
        ['DELETE', '/api/clerks/clerk-7/calendar-link', undefined],
      ];
      for (const [method, path, body] of routes) {
        for (const auth of [
          null,
          'Bearer wrong-key-0123456789abcdef',
          `Basic ${Buffer.from(`x:${API_KEY}`).toString('base64')}`,
          `Bearer ${API_KEY}x`,
          'Bearer',
        ]) {
          const res = await api(c.baseUrl, path, { method, body, auth });
          expect(res.status, `${method} ${path} with ${auth}`).to.equal(401);
          expect(res.body.error).to.equal('unauthorized');
          expect(res.headers.get('www-authenticate')).to.match(/^Bearer/);
        }
      }
      expect(await counts()).to.deep.equal(before);
      const after = await api(c.baseUrl, `/api/appointments/${created.id}`);
      expect(after.body.status).to.equal('scheduled');
      expect(after.body.links.ics).to.equal(created.links.ics);
      expect(
        (await api(c.baseUrl, `/api/appointments/${created.id}`, { auth: `Bearer ${OTHER_API_KEY}` })).status,
      ).to.equal(200);
    });

    it('replays a POST with the same Idempotency-Key: one appointment, one mail, same answer', async () => {
      const body = makeApiAppointment({ citizen: { name: 'Idem Potent', email: 'idem@example.org' } });
      const headers = { 'idempotency-key': '"idem-1"' };
      const first = await api(c.baseUrl, '/api/appointments', { body, headers });
      expect(first.status).to.equal(201);
      expect(first.headers.get('idempotent-replayed')).to.equal(null);
      const second = await api(c.baseUrl, '/api/appointments', { body, headers: { 'idempotency-key': 'idem-1' } });
      expect(second.status).to.equal(201);
      expect(second.headers.get('idempotent-replayed')).to.equal('true');
      expect(second.body).to.deep.include({ id: first.body.id, externalId: body.id });
      expect(second.body.links.ics).to.equal(first.body.links.ics);
      expect(await probe.count('appointments', { external_id: body.id })).to.equal(1);
      await waitForMail(c.baseUrl, (m) => m.to.includes('idem@example.org'));
      await outboxesDrained(c.databaseUrl, ['mail_outbox']);
      expect((await listMailbox(c.baseUrl)).filter((m) => m.to.includes('idem@example.org'))).to.have.length(1);

      const before = await counts();
      const other = await api(c.baseUrl, '/api/appointments', { body: { ...body, title: 'Changed' }, headers });
      expect(other.status).to.equal(422);
      expect(other.body.issues[0].path).to.equal('Idempotency-Key');
      expect(await counts()).to.deep.equal(before);

      // Keys are per API client: another client's same key is a different key.
      const foreign = await api(c.baseUrl, '/api/appointments', {
        body: makeApiAppointment(),
        headers,
        auth: `Bearer ${OTHER_API_KEY}`,
      });
      expect(foreign.status).to.equal(201);
      expect(foreign.body.id).to.not.equal(first.body.id);
    });

    it('tells Idempotency-Keys apart by case, like any other string', async () => {
      const upper = await api(c.baseUrl, '/api/appointments', {
        body: makeApiAppointment(),
        headers: { 'idempotency-key': 'Case-Key' },
      });
      const lower = await api(c.baseUrl, '/api/appointments', {
        body: makeApiAppointment(),
        headers: { 'idempotency-key': 'case-key' },
      });
      expect([upper.status, lower.status]).to.deep.equal([201, 201]);
      expect(upper.body.id).to.not.equal(lower.body.id);
    });

    it('applies concurrent POSTs with one Idempotency-Key once', async () => {
      const body = makeApiAppointment();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          api(c.baseUrl, '/api/appointments', { body, headers: { 'idempotency-key': 'concurrent-1' } }),
        ),
      );
      const created = answers.filter((r) => r.status === 201);
      expect(created.length).to.be.greaterThan(0);
      for (const r of answers) expect([201, 409]).to.include(r.status);
      expect(new Set(created.map((r) => r.body.id)).size).to.equal(1);
      expect(await probe.count('appointments', { external_id: body.id })).to.equal(1);
    });

    it('does not store a key whose request failed: the same key works after the problem is fixed', async () => {
      const body = makeApiAppointment();
      await api(c.baseUrl, '/api/appointments', { body });
      const clash = await api(c.baseUrl, '/api/appointments', { body, headers: { 'idempotency-key': 'after-fail' } });
      expect(clash.status).to.equal(409);
      const fixed = await api(c.baseUrl, '/api/appointments', {
        body: { ...body, id: `${body.id}-2` },
        headers: { 'idempotency-key': 'after-fail' },
      });
      expect(fixed.status).to.equal(201);
    });
  });
}

describe('REST API without API_KEYS', function () {
  this.timeout(20_000);
  let c: StartedConnector;
  before(async () => {
    c = await startConnector();
  });
  after(() => c?.close());

  it('refuses every request (the API is off, not open)', async () => {
    const res = await api(c.baseUrl, '/api/appointments', { body: makeApiAppointment({}, futureStart(30)) });
    expect(res.status).to.equal(401);
    expect((await api(c.baseUrl, '/api/appointments', { auth: 'Bearer ' })).status).to.equal(401);
  });
});
