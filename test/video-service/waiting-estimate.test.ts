/**
 * A clerk's estimated waiting time (issue 13, docs/adr/0160) with real clients over real HTTP and socket.io:
 * the admin API for the connector (service token, validation, wrong states: 409 with a reason, nothing stored)
 * and the clerk's own `lobby:estimate` in the room. The waiting citizen receives `lobby:estimate`, a reload
 * shows it again, a later one replaces it, the same twice is harmless, admission ends it. SQLite and MariaDB.
 */
import { expect } from 'chai';
import { DATABASES } from '../support/databases.ts';
import {
  nextEvent,
  recordEvents,
  request,
  roomTokens,
  settle,
  signAdminToken,
  signJoinToken,
  joinClaims,
} from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

for (const kind of DATABASES) {
  describe(`waiting estimate (${kind.kind})`, function () {
    this.timeout(30_000);
    const f = useRoomFixture(kind.create);

    function estimate(room: string, body: unknown, token: string | undefined = signAdminToken(f.key)) {
      return fetch(`${f.video.baseUrl}/admin/rooms/${encodeURIComponent(room)}/waiting-estimate`, {
        method: 'POST',
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    }

    it('the admin API tells the waiting citizen; a reload shows it again; a later one replaces it', async () => {
      const { tokens, citizen, citizenSnapshot } = await f.clerkAndWaitingCitizen();
      expect(citizenSnapshot.waitingEstimate, 'none before').to.equal(null);

      const arrived = nextEvent(citizen.socket, 'lobby:estimate');
      const res = await estimate(tokens.room, { minutes: 10 });
      expect(res.status).to.equal(200);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      const body = (await res.json()) as { room: string; participantId: string; minutes: number; sentAt: string };
      expect(body).to.include({ room: tokens.room, participantId: tokens.citizenId, minutes: 10 });
      expect(Date.parse(body.sentAt)).to.be.closeTo(Date.now(), 5000);
      expect(await arrived).to.deep.equal({ minutes: 10, sentAt: body.sentAt });

      citizen.socket.close();
      const reloaded = await f.connectWith(tokens.citizen);
      expect((await f.join(reloaded.socket)).waitingEstimate, 'kept across a reload').to.deep.equal({
        minutes: 10,
        sentAt: body.sentAt,
      });

      const later = nextEvent(reloaded.socket, 'lobby:estimate');
      const again = await estimate(tokens.room, { minutes: 0 });
      expect(again.status).to.equal(200);
      expect(await later).to.include({ minutes: 0 });
      const third = await f.connectWith(tokens.citizen);
      expect((await f.join(third.socket)).waitingEstimate, 'the later one replaced it').to.include({ minutes: 0 });
    });

    it('sending the same twice is harmless: the same answer, one notification', async () => {
      const { tokens, citizen } = await f.clerkAndWaitingCitizen();
      const seen = recordEvents(citizen.socket);
      const first = (await (await estimate(tokens.room, { minutes: 15 })).json()) as { sentAt: string };
      const second = await estimate(tokens.room, { minutes: 15 });
      expect(second.status).to.equal(200);
      expect(await second.json()).to.deep.include({ minutes: 15, sentAt: first.sentAt });
      await settle(200);
      expect(seen.filter((e) => e.event === 'lobby:estimate')).to.have.length(1);
    });

    it('refuses bad input and tokens, changing nothing', async () => {
      const { tokens, citizen } = await f.clerkAndWaitingCitizen();
      const seen = recordEvents(citizen.socket);
      const bad: Array<[string, unknown]> = [
        ['too many minutes', { minutes: 121 }],
        ['negative', { minutes: -1 }],
        ['fraction', { minutes: 7.5 }],
        ['a string', { minutes: '10' }],
        ['missing', {}],
        ['extra field', { minutes: 10, participantId: 'someone-else' }],
        ['not JSON', 'minutes=10'],
      ];
      for (const [why, body] of bad) {
        const res = await estimate(tokens.room, body);
        expect(res.status, why).to.equal(400);
        expect(await res.json(), why).to.deep.include({ error: 'invalid_input' });
      }
      expect((await estimate('Not A Room', { minutes: 10 })).status, 'bad room id').to.equal(400);
      expect((await estimate(tokens.room, { minutes: 10 }, '')).status, 'no token').to.equal(401);
      const joinToken = signJoinToken(f.key, joinClaims({ room: tokens.room }));
      expect((await estimate(tokens.room, { minutes: 10 }, joinToken)).status, 'a join token').to.equal(401);
      await settle(100);
      expect(
        seen.filter((e) => e.event === 'lobby:estimate'),
        'nothing sent',
      ).to.deep.equal([]);
      const reloaded = await f.connectWith(tokens.citizen);
      citizen.socket.close();
      expect((await f.join(reloaded.socket)).waitingEstimate, 'nothing stored').to.equal(null);
    });

    it('409 with a reason when the citizen is already in the call, has left, or the room is closed', async () => {
      const { tokens, citizen } = await f.admitted();
      const admitted = await estimate(tokens.room, { minutes: 5 });
      expect(admitted.status).to.equal(409);
      expect(await admitted.json()).to.deep.include({ error: 'invalid_state', reason: 'citizen_admitted' });

      const seen = recordEvents(citizen.socket);
      const empty = await estimate(roomTokens(f.key).room, { minutes: 5 });
      expect(empty.status).to.equal(409);
      expect(await empty.json()).to.deep.include({ reason: 'citizen_absent' });

      expect(
        (
          await fetch(`${f.video.baseUrl}/admin/rooms/${tokens.room}/close`, {
            method: 'POST',
            headers: { authorization: `Bearer ${signAdminToken(f.key)}` },
          })
        ).status,
      ).to.equal(200);
      const closed = await estimate(tokens.room, { minutes: 5 });
      expect(closed.status).to.equal(409);
      expect(await closed.json()).to.deep.include({ reason: 'room_closed' });
      expect(seen.filter((e) => e.event === 'lobby:estimate')).to.deep.equal([]);
    });

    it('an admitted and returned citizen starts a new wait without the old estimate', async () => {
      const { tokens, clerk, citizen } = await f.clerkAndWaitingCitizen();
      expect((await estimate(tokens.room, { minutes: 30 })).status).to.equal(200);
      const admittedSnapshot = nextEvent(citizen.socket, 'room:snapshot');
      expect((await request(clerk.socket, 'lobby:admit', { participantId: tokens.citizenId })).ok).to.equal(true);
      expect((await admittedSnapshot).waitingEstimate, 'none once admitted').to.equal(null);
      const back = nextEvent(citizen.socket, 'room:snapshot');
      expect((await request(clerk.socket, 'lobby:return', { participantId: tokens.citizenId })).ok).to.equal(true);
      expect((await back).waitingEstimate, 'the admission ended the estimate').to.equal(null);
    });

    it('a clerk in the room sends it with lobby:estimate; others may not; the answer is the stored estimate', async () => {
      const { tokens, clerk, citizen } = await f.clerkAndWaitingCitizen();
      const arrived = nextEvent(citizen.socket, 'lobby:estimate');
      const reply = await request(clerk.socket, 'lobby:estimate', { participantId: tokens.citizenId, minutes: 5 });
      expect(reply.ok).to.equal(true);
      const sent = reply.ok ? reply.data : null;
      expect(sent).to.include({ minutes: 5 });
      expect(await arrived).to.deep.equal(sent);

      for (const payload of [{ participantId: tokens.citizenId, minutes: 500 }, { participantId: tokens.citizenId }]) {
        const refused = await request(clerk.socket, 'lobby:estimate', payload as never);
        expect(refused.ok === false && refused.error.code).to.equal('invalid_input');
      }
      const byCitizen = await request(citizen.socket, 'lobby:estimate', {
        participantId: tokens.citizenId,
        minutes: 1,
      });
      expect(byCitizen.ok === false && byCitizen.error.code).to.equal('forbidden');
      const nobody = await request(clerk.socket, 'lobby:estimate', { participantId: 'nobody', minutes: 1 });
      expect(nobody.ok === false && nobody.error.code).to.equal('not_found');
    });
  });
}
