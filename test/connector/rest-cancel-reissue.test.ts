import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import { API_ENV, api, makeApiAppointment, tokenClaims } from './rest-support.ts';
import {
  listMailbox,
  openDatabaseProbe,
  startConnector,
  waitForMail,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';
import { outboxesDrained } from './outbox-drained.ts';

for (const { kind, create } of DATABASES) {
  describe(`REST API: cancel and reissue links (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let probe: DatabaseProbe;
    const local = (link: string) => link.replace(/^http:\/\/localhost:\d+/, c.baseUrl);
    const cancelToken = (link: string) => link.slice(link.indexOf('#') + 1);
    const createOne = async (email: string) => {
      const res = await api(c.baseUrl, '/api/appointments', {
        body: makeApiAppointment({ citizen: { name: 'Erika Mustermann', email } }),
      });
      expect(res.status).to.equal(201);
      await waitForMail(c.baseUrl, (m) => m.to.includes(email) && m.text.includes(res.body.links.citizen));
      return res.body;
    };

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

    it('cancels: status cancelled, links gone, join links revoked, cancellation mail; again is a no-op', async () => {
      const a = await createOne('cancel@example.org');
      const res = await api(c.baseUrl, `/api/appointments/${a.id}/cancel`, {
        body: { reason: 'Sachbearbeiter erkrankt' },
      });
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ id: a.id, status: 'cancelled' });
      expect(res.body.links).to.equal(null);
      const [row] = await probe.rows('appointments', { id: a.id });
      expect(row).to.include({ status: 'cancelled', sequence: 1 });
      const revoked = await probe.rows('link_revocations', { appointment_id: a.id });
      expect(revoked.map((r) => r.jti).sort()).to.deep.equal(
        [tokenClaims(a.links.citizen).jti, tokenClaims(a.links.clerk).jti].sort(),
      );
      const mail = await waitForMail(
        c.baseUrl,
        (m) => m.to.includes('cancel@example.org') && /abgesagt/.test(m.subject),
      );
      expect(mail.attachments[0]!.contentType).to.match(/method=CANCEL/);

      const again = await api(c.baseUrl, `/api/appointments/${a.id}/cancel`, { method: 'POST' });
      expect(again.status).to.equal(200);
      expect(again.body.status).to.equal('cancelled');
      await outboxesDrained(c.databaseUrl, ['mail_outbox']);
      expect((await listMailbox(c.baseUrl)).filter((m) => m.to.includes('cancel@example.org'))).to.have.length(2);
      expect(await probe.count('link_revocations', { appointment_id: a.id })).to.equal(2);
      const preview = await fetch(`${c.baseUrl}/api/cancel/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: cancelToken(a.links.cancel) }),
      });
      expect(((await preview.json()) as { status: string }).status).to.equal('cancelled');
    });

    it('refuses to cancel an unknown appointment (404) and a bad body (422 / 415), changing nothing', async () => {
      const a = await createOne('cancel-bad@example.org');
      expect(
        (await api(c.baseUrl, '/api/appointments/00000000-0000-4000-8000-000000000000/cancel', { method: 'POST' }))
          .status,
      ).to.equal(404);
      const r422 = await api(c.baseUrl, `/api/appointments/${a.id}/cancel`, { body: { reason: 42 } });
      expect(r422.status).to.equal(422);
      expect(r422.body.issues[0].path).to.equal('reason');
      const unknown = await api(c.baseUrl, `/api/appointments/${a.id}/cancel`, {
        body: { reason: 'x', notify: false },
      });
      expect(unknown.status).to.equal(422);
      const r415 = await api(c.baseUrl, `/api/appointments/${a.id}/cancel`, {
        body: 'reason=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(r415.status).to.equal(415);
      const r400 = await api(c.baseUrl, `/api/appointments/${a.id}/cancel`, { body: '{' });
      expect(r400.status).to.equal(400);
      const [row] = await probe.rows('appointments', { id: a.id });
      expect(row).to.include({ status: 'scheduled', sequence: 0 });
      expect(await probe.count('link_revocations', { appointment_id: a.id })).to.equal(0);
    });

    it('reissues links: new token ids, old ones revoked (reason reissued), sequence + 1, mail with the new link', async () => {
      const a = await createOne('reissue@example.org');
      const res = await api(c.baseUrl, `/api/appointments/${a.id}/links`, { method: 'POST' });
      expect(res.status).to.equal(200);
      const b = res.body;
      expect(b).to.include({ id: a.id, status: 'scheduled', start: a.start, end: a.end });
      for (const kind of ['citizen', 'clerk', 'cancel'] as const) {
        expect(tokenClaims(b.links[kind]).jti, kind).to.not.equal(tokenClaims(a.links[kind]).jti);
      }
      expect(b.links.ics).to.not.equal(a.links.ics);
      const revoked = await probe.rows('link_revocations', { appointment_id: a.id });
      expect(revoked.map((r) => r.reason)).to.deep.equal(['reissued', 'reissued', 'reissued']);
      expect(revoked.map((r) => r.jti).sort()).to.deep.equal(
        [tokenClaims(a.links.citizen).jti, tokenClaims(a.links.clerk).jti, tokenClaims(a.links.cancel).jti].sort(),
      );
      const [row] = await probe.rows('appointments', { id: a.id });
      expect(row).to.include({ sequence: 1, citizen_jti: tokenClaims(b.links.citizen).jti });

      const mail = await waitForMail(
        c.baseUrl,
        (m) => m.to.includes('reissue@example.org') && m.text.includes(b.links.citizen),
      );
      expect(mail.subject).to.match(/^Neuer Link für Ihren Video-Termin/);
      expect(mail.text).to.not.include(a.links.citizen);
      expect(mail.attachments[0]!.contentType).to.match(/method=REQUEST/);

      // The old .ics link and the old cancel link stop working; the new ones work; a read shows the new links.
      expect((await fetch(local(a.links.ics))).status).to.equal(404);
      const ics = await (await fetch(local(b.links.ics))).text();
      expect(ics).to.include('SEQUENCE:1');
      const oldCancel = await fetch(`${c.baseUrl}/api/cancel/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: cancelToken(a.links.cancel) }),
      });
      expect(oldCancel.status).to.equal(401);
      const read = await api(c.baseUrl, `/api/appointments/${a.id}`);
      expect(read.body.links.ics).to.equal(b.links.ics);
      expect(tokenClaims(read.body.links.clerk).jti).to.equal(tokenClaims(b.links.clerk).jti);
    });

    it('refuses to reissue links of a cancelled (409) or unknown (404) appointment', async () => {
      const a = await createOne('reissue-cancelled@example.org');
      await api(c.baseUrl, `/api/appointments/${a.id}/cancel`, { method: 'POST' });
      const res = await api(c.baseUrl, `/api/appointments/${a.id}/links`, { method: 'POST' });
      expect(res.status).to.equal(409);
      expect(res.body.error).to.equal('not_scheduled');
      const [row] = await probe.rows('appointments', { id: a.id });
      expect(row).to.include({ status: 'cancelled', sequence: 1 });
      expect(
        (await api(c.baseUrl, '/api/appointments/00000000-0000-4000-8000-000000000000/links', { method: 'POST' }))
          .status,
      ).to.equal(404);
    });
  });
}

/** A local HTTP receiver that records JSON bodies and answers 204. */
async function startRecorder(): Promise<{ url: string; bodies: any[]; close(): Promise<void> }> {
  const bodies: any[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const { kind, create } of DATABASES) {
  describe(`REST API changes reach the booking system's outbound webhook (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let c: StartedConnector;
    let receiver: Awaited<ReturnType<typeof startRecorder>>;
    const waitForEvent = async (predicate: (b: any) => boolean) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const found = receiver.bodies.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('no matching outbound webhook arrived');
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    before(async () => {
      db = await create();
      receiver = await startRecorder();
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          ...API_ENV,
          ALLOW_PRIVATE_TARGETS: 'true',
          OUTBOUND_WEBHOOKS: JSON.stringify([{ name: 'booking', url: receiver.url, secret: newSecret() }]),
        },
      });
    });
    after(async () => {
      await c?.close();
      await receiver?.close();
      await db?.drop();
    });

    it('announces the new links of a reissue and a cancellation by the API (cancelledBy api, with the reason)', async () => {
      const a = (await api(c.baseUrl, '/api/appointments', { body: makeApiAppointment() })).body;
      const reissued = (await api(c.baseUrl, `/api/appointments/${a.id}/links`, { method: 'POST' })).body;
      const linked = await waitForEvent(
        (b) => b.type === 'appointment.linked' && b.data.appointmentId === a.id && b.data.change === 'links_reissued',
      );
      expect(linked.data.links.citizen).to.equal(reissued.links.citizen);
      await api(c.baseUrl, `/api/appointments/${a.id}/cancel`, { body: { reason: 'Amt geschlossen' } });
      const cancelled = await waitForEvent((b) => b.type === 'appointment.cancelled' && b.data.appointmentId === a.id);
      expect(cancelled.data).to.include({
        cancelledBy: 'api',
        reason: 'Amt geschlossen',
        externalId: a.externalId,
        status: 'cancelled',
      });
    });
  });
}
