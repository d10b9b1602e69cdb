/**
 * The waiting room over socket.io with real clients: a waiting citizen learns nothing of the call, keeps their
 * place across reloads and restarts, and nobody outside the room (or without the clerk role) can let them in.
 * Runs on SQLite and MariaDB.
 */
import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import { DATABASES } from '../support/databases.ts';
import { connectSocket, nextEvent, recordEvents, request, roomTokens, settle } from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

for (const kind of DATABASES) {
  describe(`signalling: the waiting room (${kind.kind})`, function () {
    this.timeout(30_000);
    const f = useRoomFixture(kind.create);

    it('a waiting citizen learns nothing of the call while the clerk sees them waiting', async () => {
      const { tokens, clerk, citizen, clerkSnapshot, citizenSnapshot, citizenEvents, lobby } =
        await f.clerkAndWaitingCitizen();
      expect(clerkSnapshot).to.include({ phase: 'admitted', clerkPresent: true, room: tokens.room });
      expect(clerkSnapshot.media).to.deep.equal({
        mode: 'p2p',
        iceServers: [],
        iceTransportPolicy: 'all',
        maxParticipants: 4,
      });

      expect(citizenSnapshot).to.include({ phase: 'waiting', clerkPresent: true, media: null });
      expect(citizenSnapshot.self).to.deep.equal({ id: tokens.citizenId, role: 'citizen', name: 'Erika Mustermann' });
      expect(citizenSnapshot.participants).to.deep.equal([]);
      expect(citizenSnapshot.waiting).to.deep.equal([]);

      expect(lobby.waiting).to.have.length(1);
      expect(lobby.waiting[0]).to.include({
        id: tokens.citizenId,
        role: 'citizen',
        name: 'Erika Mustermann',
        connected: true,
      });
      expect(Date.parse(lobby.waiting[0]!.since)).to.be.closeTo(Date.now(), 5000);

      const description = { type: 'offer', sdp: 'v=0\r\n' };
      expect(await request(citizen.socket, 'signal:description', { to: tokens.clerkId, description })).to.deep.include({
        ok: false,
      });
      const fromCitizen = await request(citizen.socket, 'signal:candidate', { to: tokens.clerkId, candidate: null });
      expect(fromCitizen.ok === false && fromCitizen.error.code).to.equal('forbidden');
      const media = await request(citizen.socket, 'media:state', { audio: true, video: true });
      expect(media.ok === false && media.error.code).to.equal('forbidden');
      const toCitizen = await request(clerk.socket, 'signal:description', { to: tokens.citizenId, description });
      expect(toCitizen.ok === false && toCitizen.error.code).to.equal('forbidden');
      await request(clerk.socket, 'media:state', { audio: false, video: true });

      await settle();
      expect(
        citizenEvents.map((e) => e.event),
        'events a waiting citizen received',
      ).to.deep.equal([]);
    });

    it('a waiting citizen who reloads keeps their place; one who does not come back leaves the list after the grace', async () => {
      const { tokens, clerk, citizen, lobby } = await f.clerkAndWaitingCitizen();
      const since = lobby.waiting[0]!.since;
      const gone = nextEvent(clerk.socket, 'lobby:changed');
      citizen.socket.close();
      const afterDrop = await gone;
      expect(afterDrop.waiting).to.have.length(1);
      expect(afterDrop.waiting[0]).to.include({ id: tokens.citizenId, connected: false, since });

      const back = nextEvent(clerk.socket, 'lobby:changed');
      const reloaded = await f.connectWith(tokens.citizen);
      expect((await f.join(reloaded.socket)).phase).to.equal('waiting');
      expect((await back).waiting[0]).to.include({ id: tokens.citizenId, connected: true, since });

      const dropped = nextEvent(clerk.socket, 'lobby:changed');
      reloaded.socket.close();
      expect((await dropped).waiting[0]).to.include({ connected: false });
      const expired = await nextEvent(clerk.socket, 'lobby:changed', 3000);
      expect(expired.waiting, 'after LOBBY_GRACE_SECONDS=1').to.deep.equal([]);
    });

    it('a waiting citizen keeps their place in the queue across a restart of the service', async () => {
      const { tokens, clerk, citizen, lobby } = await f.clerkAndWaitingCitizen();
      f.video = await f.video.restart();
      const citizenAgain = await connectSocket(f.video.baseUrl, { session: citizen.sessionToken });
      f.sockets.push(citizenAgain);
      expect((await f.join(citizenAgain)).phase).to.equal('waiting');
      const clerkAgain = await connectSocket(f.video.baseUrl, { session: clerk.sessionToken });
      f.sockets.push(clerkAgain);
      const clerkView = await f.join(clerkAgain);
      expect(clerkView.waiting.map((w) => [w.id, w.since])).to.deep.equal([
        [tokens.citizenId, lobby.waiting[0]!.since],
      ]);
    });

    it('a citizen waiting before the clerk arrives learns only that the clerk is there now', async () => {
      const tokens = roomTokens(f.key);
      const citizen = await f.connectWith(tokens.citizen);
      const events = recordEvents(citizen.socket);
      const first = await f.join(citizen.socket);
      expect(first.clerkPresent).to.equal(false);
      const clerk = await f.connectWith(tokens.clerk);
      const update = nextEvent(citizen.socket, 'room:snapshot');
      const clerkView = await f.join(clerk.socket);
      expect(clerkView.waiting.map((w) => w.id)).to.deep.equal([tokens.citizenId]);
      const snapshot = await update;
      expect(snapshot).to.include({ phase: 'waiting', clerkPresent: true, media: null });
      expect(snapshot.participants).to.deep.equal([]);
      expect(snapshot.waiting).to.deep.equal([]);
      await settle();
      expect(events.map((e) => e.event)).to.deep.equal(['room:snapshot']);
    });

    it('a citizen cannot admit anyone', async () => {
      const tokens = roomTokens(f.key);
      const citizen = await f.connectWith(tokens.citizen);
      await f.join(citizen.socket);
      const reply = await request(citizen.socket, 'lobby:admit', { participantId: tokens.citizenId });
      expect(reply.ok === false && reply.error.code).to.equal('forbidden');
    });

    it('a clerk of another room can neither admit nor signal into this room', async () => {
      const { tokens, citizen, citizenEvents } = await f.clerkAndWaitingCitizen();
      const other = roomTokens(f.key);
      const stranger = await f.connectWith(other.clerk);
      await f.join(stranger.socket);
      const admit = await request(stranger.socket, 'lobby:admit', { participantId: tokens.citizenId });
      expect(admit.ok === false && admit.error.code).to.equal('not_found');
      const signal = await request(stranger.socket, 'signal:description', {
        to: tokens.citizenId,
        description: { type: 'offer', sdp: 'x' },
      });
      expect(signal.ok === false && signal.error.code).to.equal('forbidden');
      const toClerk = await request(stranger.socket, 'signal:candidate', { to: tokens.clerkId, candidate: null });
      expect(toClerk.ok === false && toClerk.error.code).to.equal('forbidden');
      await settle();
      expect(citizenEvents.map((e) => e.event)).to.deep.equal([]);
      expect((await request(citizen.socket, 'room:join', {})).ok === true).to.equal(true);
    });

    it('garbage payloads get invalid_input and a missing ack callback breaks nothing', async () => {
      const tokens = roomTokens(f.key);
      const { socket } = await f.connectWith(tokens.clerk);
      const raw = socket as unknown as Socket;
      const garbage = [
        ['lobby:admit', 'not an object'],
        ['lobby:admit', { participantId: 42 }],
        ['signal:description', { to: 'x', description: { type: 'bogus' } }],
        ['signal:candidate', { to: 'x', candidate: { candidate: 'a'.repeat(5000) } }],
        ['media:state', { audio: 'yes' }],
        ['room:join', 'nonsense'],
      ] as const;
      for (const [event, payload] of garbage) {
        const reply = (await raw.timeout(3000).emitWithAck(event, payload)) as {
          ok: boolean;
          error?: { code: string };
        };
        expect(reply.ok, event).to.equal(false);
        expect(reply.error?.code, event).to.equal('invalid_input');
      }
      raw.emit('lobby:admit', { participantId: 'x' });
      raw.emit('signal:description');
      raw.emit('media:state', null, 'not-a-callback');
      raw.emit('room:join');
      await settle(200);
      expect(socket.connected).to.equal(true);
      const snapshot = await f.join(socket);
      expect(snapshot.phase).to.equal('admitted');
      const noPayload = (await raw.timeout(3000).emitWithAck('room:join')) as { ok: boolean };
      expect(noPayload.ok, 'room:join with only an ack').to.equal(true);
    });
  });
}
