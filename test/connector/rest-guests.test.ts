/**
 * Guest invitations through the REST API (issue 15, docs/adr/0190): an interpreter or a second person gets a
 * link of their own, with its own expiry, that can be withdrawn alone. Real connector and video service over
 * HTTP (the short link is exchanged, the guest's socket is ended by the revoke admin call), on SQLite and
 * MariaDB.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';
import {
  connectSocket,
  nextEvent,
  postSession,
  request,
  startVideoService,
  type StartedVideoService,
} from '../video-service/support.ts';
import { outboxesDrained } from './outbox-drained.ts';
import { API_ENV, api, futureStart, makeApiAppointment } from './rest-support.ts';
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

const SHORT = /\/join#([A-Za-z0-9_-]{22})$/;
const idOf = (link: string) => SHORT.exec(link)?.[1] ?? '';

for (const { kind, create } of DATABASES) {
  describe(`REST API: guest invitations (${kind})`, function () {
    this.timeout(60_000);
    let connectorDb: TestDatabase;
    let c: StartedConnector;
    let video: StartedVideoService;
    let probe: DatabaseProbe;

    before(async () => {
      connectorDb = await create();
      const port = await freePort();
      const connectorUrl = `http://127.0.0.1:${port}`;
      video = await startVideoService({ jwksUrl: `${connectorUrl}/.well-known/jwks.json` });
      c = await startConnector({
        databaseUrl: connectorDb.url,
        env: {
          ...API_ENV,
          JOIN_LINKS: 'short',
          PORT: String(port),
          PUBLIC_URL: connectorUrl,
          VIDEO_PUBLIC_URL: video.baseUrl,
          VIDEO_ADMIN_URL: video.baseUrl,
        },
      });
      probe = await openDatabaseProbe(c.databaseUrl);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await video?.close();
      await connectorDb?.drop();
    });

    const book = async (start = futureStart(5)) => {
      const res = await api(c.baseUrl, '/api/appointments', {
        body: makeApiAppointment(
          { citizen: { name: 'Erika Mustermann', email: `c-${randomUUID()}@example.org` } },
          start,
        ),
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body as { id: string; end: string; links: { citizen: string; clerk: string } };
    };
    const invite = (id: string, body: unknown, headers: Record<string, string> = {}) =>
      api(c.baseUrl, `/api/appointments/${id}/guests`, { body, headers });

    it('invites a guest: 201 with a short link of its own, mailed in German, listed, opening a guest seat', async () => {
      const a = await book();
      const email = `dolmetsch-${randomUUID()}@example.org`;
      const res = await invite(a.id, { name: 'Dolmetscherin Türkisch', email });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(res.body).to.include({ name: 'Dolmetscherin Türkisch', email });
      expect(res.body.joinUrl).to.match(SHORT);
      expect(res.body.joinUrl).to.not.equal(a.links.citizen);
      // Default expiry: the appointment's end + JOIN_GRACE_MINUTES_AFTER (60).
      expect(res.body.expiresAt).to.equal(new Date(Date.parse(a.end) + 60 * 60_000).toISOString());
      expect(res.headers.get('location')).to.equal(`/api/appointments/${a.id}/guests/${res.body.id}`);

      const mail = await waitForMail(c.baseUrl, (m) => m.to.includes(email));
      expect(mail.subject).to.match(/^Einladung zu einem Videotermin am /);
      expect(mail.text).to.include(res.body.joinUrl);
      expect(mail.text).to.include('Sie nehmen teil als: Dolmetscherin Türkisch');
      expect(mail.text).to.not.include('Erika');
      // Signed by the office (MUNICIPALITY_PROFILE; the development city here), as the citizen's mails are.
      expect(mail.text).to.include('Mit freundlichen Grüßen\nStadt Musterstadt – Bürgeramt');

      const list = await api(c.baseUrl, `/api/appointments/${a.id}/guests`);
      expect(list.status).to.equal(200);
      expect(list.body.items).to.deep.equal([res.body]);

      const session = await postSession(video.baseUrl, idOf(res.body.joinUrl));
      expect(session.status, JSON.stringify(session.body)).to.equal(201);
      expect(session.body.role).to.equal('guest');
      expect(session.body.participant).to.deep.include({ id: `guest-${res.body.id}`, name: 'Dolmetscherin Türkisch' });

      // The token behind the link carries the invitation's own expiry.
      const resolved = await fetch(`${c.baseUrl}/join-links/resolve`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ linkId: idOf(res.body.joinUrl) }),
      });
      const { token } = (await resolved.json()) as { token: string };
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
      expect(claims).to.include({
        role: 'guest',
        sub: `guest-${res.body.id}`,
        exp: Date.parse(res.body.expiresAt) / 1000,
      });
      expect(claims.appt).to.not.have.property('verify');
    });

    it('a chosen expiry within the window is kept; one after the appointment or in the past is refused (422)', async () => {
      const a = await book();
      const until = new Date(Date.parse(a.end) + 10 * 60_000).toISOString();
      const ok = await invite(a.id, { name: 'Zweite Person', expiresAt: until });
      expect(ok.status).to.equal(201);
      expect(ok.body.expiresAt).to.equal(until);
      for (const expiresAt of [
        new Date(Date.parse(a.end) + 61 * 60_000).toISOString(),
        new Date(Date.now() - 60_000).toISOString(),
      ]) {
        const bad = await invite(a.id, { name: 'Zu spät', expiresAt });
        expect(bad.status, expiresAt).to.equal(422);
        expect(bad.body.issues[0].path).to.equal('expiresAt');
      }
      expect(await probe.count('guest_invitations', { appointment_id: a.id })).to.equal(1);
    });

    it('refuses bad input with a clear 4xx and stores nothing', async () => {
      const a = await book();
      const cases: Array<[unknown, number, string]> = [
        [{}, 422, 'name'],
        [{ name: '   ' }, 422, 'name'],
        [{ name: 'X', email: 'not-an-address' }, 422, 'email'],
        [{ name: 'X', extra: true }, 422, '(body)'],
      ];
      for (const [body, status, path] of cases) {
        const res = await invite(a.id, body);
        expect(res.status, JSON.stringify(body)).to.equal(status);
        expect(res.body.error).to.equal('invalid_input');
        expect(JSON.stringify(res.body.issues)).to.include(path);
      }
      const unknown = await invite(randomUUID(), { name: 'X' });
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error).to.equal('appointment_not_found');
      const noKey = await api(c.baseUrl, `/api/appointments/${a.id}/guests`, { body: { name: 'X' }, auth: null });
      expect(noKey.status).to.equal(401);
      const cancelled = await book();
      expect((await api(c.baseUrl, `/api/appointments/${cancelled.id}/cancel`, { method: 'POST' })).status).to.equal(
        200,
      );
      const late = await invite(cancelled.id, { name: 'X' });
      expect(late.status).to.equal(409);
      expect(late.body.error).to.equal('not_scheduled');
      expect(await probe.count('guest_invitations', { appointment_id: a.id })).to.equal(0);
      expect(await probe.count('guest_invitations', { appointment_id: cancelled.id })).to.equal(0);
    });

    it('the same request sent five times at once creates one invitation and one mail', async () => {
      const a = await book();
      const email = `once-${randomUUID()}@example.org`;
      const key = randomUUID();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          invite(a.id, { name: 'Dolmetscher Arabisch', email }, { 'idempotency-key': key }),
        ),
      );
      for (const r of answers) expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect(new Set(answers.map((r) => r.body.id)).size).to.equal(1);
      expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).to.have.length(4);
      expect(await probe.count('guest_invitations', { appointment_id: a.id })).to.equal(1);
      await outboxesDrained(c.databaseUrl, ['mail_outbox']);
      expect((await listMailbox(c.baseUrl)).filter((m) => m.to.includes(email))).to.have.length(1);
      const other = await invite(a.id, { name: 'Jemand anderes', email }, { 'idempotency-key': key });
      expect(other.status).to.equal(422);
    });

    it('at most five live guests, also when eight different requests arrive at once', async () => {
      const a = await book();
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => invite(a.id, { name: `Gast ${i}` })));
      expect(answers.filter((r) => r.status === 201)).to.have.length(5);
      const refused = answers.filter((r) => r.status !== 201);
      expect(refused.map((r) => [r.status, r.body.error])).to.deep.equal(Array(3).fill([409, 'too_many_guests']));
      expect(await probe.count('guest_invitations', { appointment_id: a.id })).to.equal(5);
      // A withdrawn one frees its place.
      const first = answers.find((r) => r.status === 201)!.body;
      expect(
        (await api(c.baseUrl, `/api/appointments/${a.id}/guests/${first.id}`, { method: 'DELETE' })).status,
      ).to.equal(204);
      expect((await invite(a.id, { name: 'Gast 9' })).status).to.equal(201);
    });

    it('withdrawing ends the guest in the room, kills the link, and is idempotent (also at once)', async () => {
      const a = await book();
      const guest = (await invite(a.id, { name: 'Dolmetscherin Ukrainisch' })).body;
      const session = await postSession(video.baseUrl, idOf(guest.joinUrl));
      expect(session.status).to.equal(201);
      const socket = await connectSocket(video.baseUrl, { session: String(session.body.sessionToken) });
      try {
        await request(socket, 'room:join', {});
        const closed = nextEvent(socket, 'room:closed', 10_000);
        const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
        const deletes = await Promise.all(
          [1, 2, 3].map(() => api(c.baseUrl, `/api/appointments/${a.id}/guests/${guest.id}`, { method: 'DELETE' })),
        );
        expect(deletes.map((r) => r.status)).to.deep.equal([204, 204, 204]);
        expect(await closed).to.deep.equal({ reason: 'revoked' });
        await gone;
      } finally {
        socket.close();
      }
      const again = await postSession(video.baseUrl, idOf(guest.joinUrl));
      expect(again.status).to.equal(401);
      expect(again.body.error).to.equal('revoked');
      expect(
        (await api(c.baseUrl, `/api/appointments/${a.id}/guests/${guest.id}`, { method: 'DELETE' })).status,
      ).to.equal(204);
      expect((await api(c.baseUrl, `/api/appointments/${a.id}/guests`)).body.items).to.deep.equal([]);
      expect(
        await probe.count('link_revocations', {
          jti: (await probe.rows('guest_invitations', { id: guest.id }))[0]!.jti as string,
        }),
      ).to.equal(1);
      expect(await probe.count('video_admin_calls', { appointment_id: a.id })).to.equal(1);
      // The citizen's link is untouched.
      expect((await postSession(video.baseUrl, idOf(a.links.citizen))).status).to.equal(201);
      const unknown = await api(c.baseUrl, `/api/appointments/${a.id}/guests/${randomUUID()}`, { method: 'DELETE' });
      expect(unknown.status).to.equal(404);
    });

    it('a reschedule gives guests new links (the old one revoked, the new one mailed); a cancellation revokes them', async () => {
      const payload = makeGenericPayload(
        {
          appointment: { citizen: { name: 'Erika Mustermann', email: `c-${randomUUID()}@example.org`, locale: 'de' } },
        },
        5,
      );
      const booked = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(booked.status).to.equal(200);
      const id = booked.body.appointmentId as string;
      const email = `moved-${randomUUID()}@example.org`;
      const guest = (await invite(id, { name: 'Begleitperson', email })).body;
      await waitForMail(c.baseUrl, (m) => m.to.includes(email));

      const shift = 5 * 60_000; // still inside the opening window, so the new link opens a session now
      const moved = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        ...payload,
        type: 'appointment.rescheduled' as const,
        appointment: {
          ...payload.appointment,
          start: new Date(Date.parse(payload.appointment.start) + shift).toISOString(),
          end: new Date(Date.parse(payload.appointment.end) + shift).toISOString(),
        },
      });
      expect(moved.status).to.equal(200);
      const old = await postSession(video.baseUrl, idOf(guest.joinUrl));
      expect(old.body.error).to.equal('revoked');
      const [now] = (await api(c.baseUrl, `/api/appointments/${id}/guests`)).body.items;
      expect(now).to.include({ id: guest.id, name: 'Begleitperson' });
      expect(now.joinUrl).to.not.equal(guest.joinUrl);
      expect(Date.parse(now.expiresAt)).to.equal(Date.parse(guest.expiresAt) + shift);
      const mail = await waitForMail(c.baseUrl, (m) => m.to.includes(email) && /verschoben/.test(m.subject));
      expect(mail.text).to.include(now.joinUrl);
      expect((await postSession(video.baseUrl, idOf(now.joinUrl))).status).to.equal(201);

      const cancelled = await api(c.baseUrl, `/api/appointments/${id}/cancel`, { method: 'POST' });
      expect(cancelled.status).to.equal(200);
      const refused = await postSession(video.baseUrl, idOf(now.joinUrl));
      expect(refused.body.error).to.equal('revoked');
      expect((await api(c.baseUrl, `/api/appointments/${id}/guests`)).body.items).to.deep.equal([]);
      const notice = await waitForMail(c.baseUrl, (m) => m.to.includes(email) && /abgesagt/.test(m.subject));
      expect(notice.text).to.not.include('/join#');
    });
  });
}
