import { expect } from 'chai';
import { DATABASES, type TestDatabase } from '../support/databases.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import {
  citizenWaiting,
  clerkHeaders,
  openLive,
  postRoomEvent,
  testAuthenticate,
  type LiveStream,
} from './clerk-workplace-support.ts';
import { makeGenericPayload, postGenericWebhook, startConnector, type StartedConnector } from './support.ts';

for (const { kind, create } of DATABASES) {
  describe(`clerk workplace: list, desks and status (${kind})`, function () {
    this.timeout(60_000);
    let db: TestDatabase;
    let c: StartedConnector;
    const eventsSecret = newSecret();
    const streams: LiveStream[] = [];

    before(async () => {
      db = await create();
      c = await startConnector({
        databaseUrl: db.url,
        env: { VIDEO_EVENTS_WEBHOOK_SECRET: eventsSecret, JOIN_LINKS: 'short', CLERK_NO_SHOW_MINUTES: '10' },
        connectorOptions: { authenticateClerk: testAuthenticate, liveHeartbeatMs: 500 },
      });
    });
    after(async () => {
      for (const s of streams) s.close();
      await c?.close();
      await db?.drop();
    });

    async function book(services: string[], startsInMinutes = 5, clerk?: { id: string; name: string }) {
      const payload = makeGenericPayload({ appointment: { services, ...(clerk ? { clerk } : {}) } }, startsInMinutes);
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, payload);
      expect(res.status).to.be.within(200, 201);
      return { appointmentId: res.body.appointmentId as string, roomId: res.body.roomId as string, payload };
    }
    const list = async (clerk: string, query = '') => {
      const res = await fetch(`${c.baseUrl}/clerk/api/appointments${query}`, {
        headers: clerkHeaders(clerk, c.baseUrl, false),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const rowOf = async (clerk: string, id: string) => (await list(clerk)).body.items.find((r: any) => r.id === id);

    it('sends a visitor without a session to the sign-in, and answers the API and live channel 401', async () => {
      const page = await fetch(`${c.baseUrl}/clerk?date=2026-01-02`, { redirect: 'manual' });
      expect(page.status).to.equal(303);
      expect(page.headers.get('location')).to.equal('/clerk/login?returnTo=/clerk%3Fdate%3D2026-01-02');
      for (const path of ['/clerk/api/appointments', '/clerk/api/live']) {
        const res = await fetch(`${c.baseUrl}${path}`);
        expect(res.status, path).to.equal(401);
        expect(await res.json()).to.include({ error: 'unauthenticated' });
      }
      const take = await fetch(`${c.baseUrl}/clerk/api/desks/buergeramt-mitte/take-next`, { method: 'POST' });
      expect(take.status).to.equal(401);
    });

    it('serves the page shell and its bundle to a signed-in clerk, under the strict CSP', async () => {
      const page = await fetch(`${c.baseUrl}/clerk`, { headers: clerkHeaders('anna', c.baseUrl, false) });
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-security-policy')).to.include("script-src 'self'");
      const html = await page.text();
      expect(html)
        .to.include('<html lang="de"')
        .and.include('src="/clerk/assets/workplace.js"')
        .and.not.include('<script>');
      const js = await fetch(`${c.baseUrl}/clerk/assets/workplace.js`);
      expect(js.status).to.equal(200);
      expect(js.headers.get('content-type')).to.match(/javascript/);
      expect((await js.text()).length).to.be.greaterThan(1000);
      expect((await fetch(`${c.baseUrl}/clerk/assets/workplace.css`)).status).to.equal(200);
    });

    it("lists today's appointments of my desk with services, citizen, status, clerk link and opening time; a clerk of another desk sees none of them", async () => {
      const mitte = await book(['anmeldung', 'meldebescheinigung']);
      const kfz = await book(['kfz-zulassung']);
      const anna = await list('anna');
      expect(anna.status).to.equal(200);
      expect(anna.body.timezone).to.equal('Europe/Berlin');
      expect(anna.body.me).to.deep.equal({
        id: 'anna',
        name: 'Anna Berger',
        desks: [{ id: 'buergeramt-mitte', name: { de: 'Bürgeramt Mitte', en: "Citizens' office Mitte" } }],
      });
      const row = anna.body.items.find((r: any) => r.id === mitte.appointmentId);
      expect(row).to.deep.include({
        status: 'scheduled',
        citizen: { name: 'Erika Mustermann' },
        start: mitte.payload.appointment.start.replace(/\.\d+Z$/, '.000Z'),
        desks: ['buergeramt-mitte'],
        mine: false,
        takenBy: null,
        waitingSince: null,
      });
      expect(row.services).to.deep.equal([
        { code: 'anmeldung', name: { de: 'Anmeldung einer Wohnung', en: 'Registering your address' } },
        {
          code: 'meldebescheinigung',
          name: { de: 'Meldebescheinigung', en: 'Certificate of registration (Meldebescheinigung)' },
        },
      ]);
      expect(row.joinUrl).to.match(/^http:\/\/localhost:4000\/join#[A-Za-z0-9_-]{22}$/);
      expect(Date.parse(row.joinOpensAt)).to.equal(Date.parse(row.start) - 15 * 60_000);
      expect(anna.body.items.map((r: any) => r.id)).to.not.include(kfz.appointmentId);

      const kai = await list('kai');
      expect(kai.body.items.map((r: any) => r.id)).to.deep.equal(
        kai.body.items.filter((r: any) => r.desks.includes('kfz')).map((r: any) => r.id),
      );
      expect(kai.body.items.map((r: any) => r.id))
        .to.include(kfz.appointmentId)
        .and.not.include(mitte.appointmentId);
      expect(JSON.stringify(kai.body)).to.not.include(mitte.appointmentId);
    });

    it('shows the appointments that name me even outside my desks', async () => {
      const named = await book(['kfz-zulassung'], 30, { id: 'anna', name: 'Anna Berger' });
      const row = await rowOf('anna', named.appointmentId);
      expect(row).to.deep.include({ mine: true, desks: [], citizen: { name: 'Erika Mustermann' } });
    });

    it('follows the citizen through the room: waiting (with the network check), in the call, finished', async () => {
      const { appointmentId, roomId } = await book(['ummeldung']);
      const since = new Date(Date.now() - 65_000);
      expect(
        (await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(roomId, appointmentId, since, 'warn'))).status,
      ).to.equal(200);
      expect(await rowOf('anna', appointmentId)).to.deep.include({
        status: 'waiting',
        waitingSince: since.toISOString(),
        networkCheck: 'warn',
      });
      const joined = {
        type: 'room.participant_joined',
        timestamp: new Date().toISOString(),
        data: { room: roomId, appointmentId, participant: { id: `citizen-${appointmentId}`, role: 'citizen' } },
      };
      await postRoomEvent(c.baseUrl, eventsSecret, joined);
      expect(await rowOf('anna', appointmentId)).to.deep.include({ status: 'in_call', waitingSince: null });
      // A retried, older "waiting" delivery does not turn the clock back.
      await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(roomId, appointmentId, since));
      expect((await rowOf('anna', appointmentId)).status).to.equal('in_call');
      const endedAt = new Date(Date.now() + 1000).toISOString();
      await postRoomEvent(c.baseUrl, eventsSecret, {
        type: 'room.ended',
        timestamp: endedAt,
        data: { room: roomId, reason: 'ended', endedAt, by: 'clerk' },
      });
      expect((await rowOf('anna', appointmentId)).status).to.equal('finished');
    });

    it('puts a citizen sent back to the lobby back to waiting, and does not take a waiting guest for the citizen', async () => {
      const { appointmentId, roomId } = await book(['anmeldung']);
      const guestWaiting = {
        type: 'room.citizen_waiting',
        timestamp: new Date().toISOString(),
        data: {
          room: roomId,
          appointmentId,
          participant: { id: 'guest-1', role: 'guest' },
          waitingSince: new Date().toISOString(),
        },
      };
      expect((await postRoomEvent(c.baseUrl, eventsSecret, guestWaiting)).body.announced).to.deep.equal([
        'room.citizen_waiting',
      ]);
      expect((await rowOf('anna', appointmentId)).status).to.equal('scheduled');
      const participant = { id: `citizen-${appointmentId}`, role: 'citizen' };
      await postRoomEvent(c.baseUrl, eventsSecret, {
        type: 'room.participant_joined',
        timestamp: new Date(Date.now() - 2000).toISOString(),
        data: { room: roomId, appointmentId, participant },
      });
      expect((await rowOf('anna', appointmentId)).status).to.equal('in_call');
      const back = new Date(Date.now() - 1000);
      await postRoomEvent(c.baseUrl, eventsSecret, {
        type: 'room.participant_left',
        timestamp: back.toISOString(),
        data: { room: roomId, appointmentId, participant, reason: 'returned_to_lobby', at: back.toISOString() },
      });
      expect(await rowOf('anna', appointmentId)).to.deep.include({
        status: 'waiting',
        waitingSince: back.toISOString(),
      });
      await postRoomEvent(c.baseUrl, eventsSecret, {
        type: 'room.participant_left',
        timestamp: new Date().toISOString(),
        data: { room: roomId, appointmentId, participant, reason: 'left' },
      });
      expect((await rowOf('anna', appointmentId)).status).to.equal('finished');
    });

    it('calls an appointment nobody came to a no-show once CLERK_NO_SHOW_MINUTES have passed, and a cancelled one cancelled', async () => {
      const late = await book(['anmeldung'], -11);
      expect(await rowOf('anna', late.appointmentId)).to.deep.include({ status: 'no_show' });
      const cancelled = await book(['anmeldung'], 40);
      const res = await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: cancelled.payload.appointment,
      });
      expect(res.status).to.be.within(200, 299);
      expect(await rowOf('anna', cancelled.appointmentId)).to.deep.include({ status: 'cancelled', joinUrl: null });
    });

    it('lists another day on request and refuses a malformed date', async () => {
      const tomorrow = await book(['anmeldung'], 26 * 60);
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
        new Date(tomorrow.payload.appointment.start),
      );
      const other = await list('anna', `?date=${day}`);
      expect(other.body.date).to.equal(day);
      expect(other.body.items.map((r: any) => r.id)).to.include(tomorrow.appointmentId);
      expect(other.body.items.every((r: any) => r.day === day)).to.equal(true);
      expect((await list('anna', '?date=07.12.2026')).status).to.equal(422);
    });

    it('sends the row over the live channel when the citizen starts waiting — only to clerks who may see it', async () => {
      const annaLive = await openLive(c.baseUrl, 'anna');
      const kaiLive = await openLive(c.baseUrl, 'kai');
      streams.push(annaLive, kaiLive);
      expect(annaLive.status).to.equal(200);
      await annaLive.next((m) => m.event === 'ready');
      await kaiLive.next((m) => m.event === 'ready');
      const mitte = await book(['anmeldung']);
      const kfz = await book(['kfz-zulassung']);
      await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(mitte.roomId, mitte.appointmentId));
      await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(kfz.roomId, kfz.appointmentId));
      const seen = await annaLive.next(
        (m) => m.event === 'row' && m.data.row.id === mitte.appointmentId && m.data.row.status === 'waiting',
      );
      expect(seen.data.row).to.deep.include({ status: 'waiting', citizen: { name: 'Erika Mustermann' } });
      expect(seen.id).to.match(/^[0-9a-f]{12}\.\d+$/);
      // Kai's stream carries the kfz change, which came after the Mitte one — and never the Mitte one.
      await kaiLive.next(
        (m) => m.event === 'row' && m.data.row.id === kfz.appointmentId && m.data.row.status === 'waiting',
      );
      expect(JSON.stringify(kaiLive.messages)).to.not.include(mitte.appointmentId);
      await annaLive.next((m) => m.event === 'row' && m.data.row.id === mitte.appointmentId);
      expect(JSON.stringify(annaLive.messages)).to.not.include(kfz.appointmentId);
    });

    it('sends a new booking and its cancellation over the live channel once committed', async () => {
      const live = await openLive(c.baseUrl, 'anna');
      streams.push(live);
      await live.next((m) => m.event === 'ready');
      const created = await book(['anmeldung']);
      const row = await live.next((m) => m.event === 'row' && m.data.row.id === created.appointmentId);
      expect(row.data.row).to.deep.include({ status: 'scheduled', citizen: { name: 'Erika Mustermann' } });
      await postGenericWebhook(c.baseUrl, c.webhookSecret, {
        type: 'appointment.cancelled',
        appointment: created.payload.appointment,
      });
      await live.next(
        (m) => m.event === 'row' && m.data.row.id === created.appointmentId && m.data.row.status === 'cancelled',
      );
      // A booking of another desk is not announced to this clerk.
      const kfz = await book(['kfz-zulassung']);
      const later = await book(['ummeldung']);
      await live.next((m) => m.event === 'row' && m.data.row.id === later.appointmentId);
      expect(JSON.stringify(live.messages)).to.not.include(kfz.appointmentId);
    });

    it('replays what a reconnecting page missed after its Last-Event-ID, and asks a page it cannot replay to refresh', async () => {
      const first = await openLive(c.baseUrl, 'anna');
      streams.push(first);
      const a = await book(['anmeldung']);
      await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(a.roomId, a.appointmentId));
      const last = await first.next(
        (m) => m.event === 'row' && m.data.row.id === a.appointmentId && m.data.row.status === 'waiting',
      );
      first.close();
      const b = await book(['anmeldung']);
      await postRoomEvent(c.baseUrl, eventsSecret, citizenWaiting(b.roomId, b.appointmentId));
      const again = await openLive(c.baseUrl, 'anna', last.id!);
      streams.push(again);
      const replayed = await again.next(
        (m) => m.event === 'row' && m.data.row.id === b.appointmentId && m.data.row.status === 'waiting',
      );
      expect(replayed.data.row.status).to.equal('waiting');
      expect(again.messages.filter((m) => m.event === 'row').map((m) => m.data.row.id)).to.not.include(a.appointmentId);
      const foreign = await openLive(c.baseUrl, 'anna', 'abcdefabcdef.3');
      streams.push(foreign);
      await foreign.next((m) => m.event === 'refresh');
    });

    it('keeps the stream alive with heartbeats and ends it when the session is gone', async () => {
      const { signedOut } = await import('./clerk-workplace-support.ts');
      const live = await openLive(c.baseUrl, 'ben');
      streams.push(live);
      await live.next((m) => m.event === 'ready');
      signedOut.add('ben');
      try {
        await live.next((m) => m.event === 'signed_out', 5000);
      } finally {
        signedOut.delete('ben');
      }
    });
  });
}
