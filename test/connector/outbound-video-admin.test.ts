import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { eventually, startAdminReceiver, type AdminReceiver } from './outbound-support.ts';
import {
  makeGenericPayload,
  openDatabaseProbe,
  postGenericWebhook,
  startConnector,
  type DatabaseProbe,
  type StartedConnector,
} from './support.ts';

const jtiOf = (link: string) => (jwt.decode(link.slice(link.indexOf('#') + 1)) as jwt.JwtPayload).jti!;
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

for (const { kind, create } of DATABASES) {
  describe(`admin calls to the video service: revocation and room close (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let admin: AdminReceiver;
    let c: StartedConnector;
    let probe: DatabaseProbe;

    before(async () => {
      db = await create();
      admin = await startAdminReceiver(() => `${c.baseUrl}/.well-known/jwks.json`);
      c = await startConnector({
        databaseUrl: db.url,
        env: { VIDEO_ADMIN_URL: admin.url, OUTBOUND_RETRY_SCALE: '0.01' },
      });
      probe = await openDatabaseProbe(db.url);
    });
    after(async () => {
      await probe?.close();
      await c?.close();
      await admin?.close();
      await db?.drop();
    });

    it('revokes the superseded join tokens at the video service when an appointment is rescheduled, with a service token the JWKS verifies', async () => {
      const payload = makeGenericPayload({}, 60);
      const created = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      const moved = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.rescheduled',
        appointment: {
          ...payload.appointment,
          start: later(payload.appointment.start, 3600_000),
          end: later(payload.appointment.end, 3600_000),
        },
      });
      expect(moved.status).to.equal(200);
      const old = [jtiOf(created.body.links.citizen), jtiOf(created.body.links.clerk)].sort();

      const [call] = await admin.waitFor(1, (x) => x.path === '/admin/tokens/revoke' && x.body.jtis.includes(old[0]));
      expect([...call!.body.jtis].sort()).to.deep.equal(old);
      expect(call!.body.jtis).to.not.include(jtiOf(moved.body.links.citizen));
      expect(call!.claims).to.include({ aud: 'video-service-admin', sub: 'connector' });
      expect(call!.claims.exp! - call!.claims.iat!).to.be.at.most(120);
      expect(call!.claims.jti).to.be.a('string');
    });

    it('revokes the join tokens and closes the room when an appointment is cancelled', async () => {
      const payload = makeGenericPayload({}, 60);
      const created = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: { id: payload.appointment.id },
      });
      const citizenJti = jtiOf(created.body.links.citizen);
      await admin.waitFor(1, (x) => x.path === '/admin/tokens/revoke' && x.body.jtis.includes(citizenJti));
      await admin.waitFor(1, (x) => x.path === `/admin/rooms/${created.body.roomId}/close`);
      const rows = await eventually(async () => {
        const r = await probe.rows('video_admin_calls', { appointment_id: created.body.appointmentId });
        return r.length === 2 && r.every((x) => x.status === 'done') ? r : null;
      });
      expect(rows.map((r) => r.kind).sort()).to.deep.equal(['close_room', 'revoke_tokens']);
    });

    it('retries an admin call the video service refused or could not take until it is delivered', async () => {
      admin.failFirst.push(503, 500, 502);
      const payload = makeGenericPayload({}, 60);
      const created = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: { id: payload.appointment.id },
      });
      const citizenJti = jtiOf(created.body.links.citizen);
      await admin.waitFor(1, (x) => x.path === '/admin/tokens/revoke' && x.body.jtis.includes(citizenJti));
      await admin.waitFor(1, (x) => x.path === `/admin/rooms/${created.body.roomId}/close`);
      expect(admin.seen.filter((s) => s.status >= 500)).to.have.length(3);
      const rows = await eventually(async () => {
        const r = await probe.rows('video_admin_calls', { appointment_id: created.body.appointmentId });
        return r.every((x) => x.status === 'done') ? r : null;
      });
      expect(rows.reduce((n, r) => n + Number(r.attempts), 0)).to.equal(2 + 3);
      // Each call was accepted exactly once.
      expect(admin.accepted.filter((x) => x.path === `/admin/rooms/${created.body.roomId}/close`)).to.have.length(1);
    });
  });
}
