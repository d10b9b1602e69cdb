/**
 * "Wartezeit mitteilen" from the clerk's workplace with a REAL video service (issue 13, docs/adr/0160): the
 * POST needs the sign-in and the CSRF pair, only clerks who see the row may send (a clerk of another desk
 * finds no such appointment), bad minutes change nothing; the waiting citizen's socket gets `lobby:estimate`,
 * the row shows what was sent and when (also live to colleagues), the same twice is harmless, and once the
 * citizen is gone the clerk gets 409 with a reason and nothing is recorded. SQLite and MariaDB.
 */
import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import {
  connectSocket,
  nextEvent,
  postSession,
  recordEvents,
  request,
  startVideoService,
  type StartedVideoService,
} from '../video-service/support.ts';
import {
  citizenWaiting as waitingEvent,
  clerkHeaders,
  openLive,
  postRoomEvent,
  testAuthenticate,
} from './clerk-workplace-support.ts';
import { eventually } from './outbound-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

for (const { kind, create } of DATABASES) {
  describe(`clerk workplace: tell the waiting citizen the waiting time (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let video: StartedVideoService;
    let c: StartedConnector;
    const eventsSecret = newSecret();

    before(async () => {
      db = await create();
      const connectorPort = await freePort();
      const connectorUrl = `http://127.0.0.1:${connectorPort}`;
      video = await startVideoService({
        jwksUrl: `${connectorUrl}/.well-known/jwks.json`,
        env: {
          EVENTS_WEBHOOK_URL: `${connectorUrl}/webhooks/video-service`,
          EVENTS_WEBHOOK_SECRET: eventsSecret,
          ALLOW_PRIVATE_TARGETS: 'true',
          EVENTS_POLL_MS: '200',
        },
      });
      c = await startConnector({
        databaseUrl: db.url,
        env: {
          JOIN_LINKS: 'short',
          PORT: String(connectorPort),
          PUBLIC_URL: connectorUrl,
          VIDEO_PUBLIC_URL: video.baseUrl,
          VIDEO_ADMIN_URL: video.baseUrl,
          VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret,
          ALLOW_PRIVATE_TARGETS: 'true',
        },
        connectorOptions: { authenticateClerk: testAuthenticate },
      });
    });
    after(async () => {
      await c?.close();
      await video?.close();
      await db?.drop();
    });

    const rowOf = async (clerk: string, id: string) => {
      const res = await fetch(`${c.baseUrl}/clerk/api/appointments`, { headers: clerkHeaders(clerk, c.baseUrl) });
      return ((await res.json()) as { items: any[] }).items.find((r) => r.id === id);
    };
    const tell = async (id: string, body: unknown, headers = clerkHeaders('anna', c.baseUrl)) => {
      const res = await fetch(`${c.baseUrl}/clerk/api/appointments/${id}/waiting-estimate`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };

    /** A booking of the desk buergeramt-mitte whose citizen waits in the real video service. */
    async function waitingCitizen() {
      const created = await postGenericWebhook(
        c.baseUrl,
        c.webhookSecret,
        makeGenericPayload({ appointment: { services: ['anmeldung'] } }, 5),
      );
      const id = created.body.appointmentId as string;
      const session = await postSession(video.baseUrl, created.body.links.citizen.split('#')[1] as string);
      expect(session.status).to.equal(201);
      const citizen = await connectSocket(video.baseUrl, { session: String(session.body.sessionToken) });
      expect((await request(citizen, 'room:join', {})).ok).to.equal(true);
      await eventually(async () => (await rowOf('anna', id))?.status === 'waiting', 20_000, 'the row to show waiting');
      return { id, roomId: created.body.roomId as string, citizen };
    }

    it('needs the CSRF pair; a clerk of another desk cannot send; bad minutes change nothing', async () => {
      const { id, citizen } = await waitingCitizen();
      const seen = recordEvents(citizen);
      try {
        expect((await tell(id, { minutes: 10 }, clerkHeaders('anna', c.baseUrl, false))).status).to.equal(403);
        const evil = await tell(
          id,
          { minutes: 10 },
          { ...clerkHeaders('anna', c.baseUrl), origin: 'https://evil.example' },
        );
        expect(evil.status).to.equal(403);
        const signedOutRes = await tell(id, { minutes: 10 }, {});
        expect(signedOutRes.status).to.equal(401);
        const foreign = await tell(id, { minutes: 10 }, clerkHeaders('kai', c.baseUrl));
        expect(foreign.status, 'kfz clerk: the appointment does not exist for them').to.equal(404);
        for (const body of [{ minutes: 121 }, { minutes: -5 }, { minutes: 2.5 }, { minutes: '10' }, {}]) {
          expect((await tell(id, body)).status, JSON.stringify(body)).to.equal(422);
        }
        expect((await tell('not a valid id!', { minutes: 10 })).status).to.equal(422);
        expect((await rowOf('anna', id)).waitingEstimate, 'nothing recorded').to.equal(null);
        // Then one that is allowed: once it has reached the citizen, anything the refused ones had sent would
        // have arrived before it (one socket, in order) — no pause needed to see that nothing did.
        const arrived = nextEvent(citizen, 'lobby:estimate');
        expect((await tell(id, { minutes: 5 })).status).to.equal(200);
        await arrived;
        expect(
          seen.filter((e) => e.event === 'lobby:estimate').map((e) => (e.payload as { minutes?: number }).minutes),
          'only the allowed one reached the citizen',
        ).to.deep.equal([5]);
      } finally {
        citizen.disconnect();
      }
    });

    it('the citizen gets it; the row shows what was sent and when, live to colleagues; twice is harmless', async () => {
      const { id, citizen } = await waitingCitizen();
      const ben = await openLive(c.baseUrl, 'ben');
      try {
        const arrived = nextEvent(citizen, 'lobby:estimate');
        const sent = await tell(id, { minutes: 10 });
        expect(sent.status).to.equal(200);
        expect(sent.body.row.waitingEstimate.minutes).to.equal(10);
        const sentAt = sent.body.row.waitingEstimate.sentAt as string;
        expect(Date.parse(sentAt)).to.be.closeTo(Date.now(), 5000);
        expect(await arrived).to.deep.equal({ minutes: 10, sentAt });
        const live = await ben.next((m) => m.event === 'row' && m.data.row?.id === id && m.data.row.waitingEstimate);
        expect(live.data.row.waitingEstimate).to.deep.equal({ minutes: 10, sentAt });
        expect((await rowOf('anna', id)).waitingEstimate).to.deep.equal({ minutes: 10, sentAt });

        const again = await tell(id, { minutes: 10 });
        expect(again.status).to.equal(200);
        expect(again.body.row.waitingEstimate, 'the same estimate, not a second one').to.deep.equal({
          minutes: 10,
          sentAt,
        });

        const now = nextEvent(citizen, 'lobby:estimate');
        expect((await tell(id, { minutes: 0 })).body.row.waitingEstimate.minutes).to.equal(0);
        expect((await now).minutes, 'a later one replaces it').to.equal(0);
      } finally {
        ben.close();
        citizen.disconnect();
      }
    });

    it('a new wait of the same citizen does not show the estimate of the earlier one', async () => {
      const { id, roomId, citizen } = await waitingCitizen();
      try {
        expect((await tell(id, { minutes: 30 })).status).to.equal(200);
        expect((await rowOf('anna', id)).waitingEstimate).to.include({ minutes: 30 });
        // The video service reports a new wait (e.g. sent back to the lobby) after the estimate was sent.
        const later = new Date(Date.now() + 1000);
        expect((await postRoomEvent(c.baseUrl, eventsSecret, waitingEvent(roomId, id, later))).status).to.equal(200);
        expect((await rowOf('anna', id)).waitingEstimate, 'stale: sent before this wait began').to.equal(null);
      } finally {
        citizen.disconnect();
      }
    });

    it('once the citizen has left: 409 with a reason, nothing recorded', async () => {
      const { id, citizen } = await waitingCitizen();
      expect((await request(citizen, 'room:leave', {})).ok).to.equal(true);
      citizen.disconnect();
      const refused = await tell(id, { minutes: 15 });
      expect(refused.status).to.equal(409);
      // The video service answers at once (citizen_absent); once its event has arrived, the connector knows too.
      expect(['citizen_absent', 'not_waiting']).to.include(refused.body.error);
      expect(refused.body.message).to.be.a('string').and.not.equal('');
      expect((await rowOf('anna', id)).waitingEstimate ?? null).to.equal(null);
    });
  });
}
