/**
 * The call over socket.io with real clients: admission, peer events, signals relayed only between admitted
 * participants, admissions that survive reconnects and restarts, and one seat per participant (a second
 * connection takes over). Runs on SQLite and MariaDB.
 */
import { expect } from 'chai';
import { DATABASES } from '../support/databases.ts';
import type { WaitingEntry } from '../../video-service/src/contract/signalling.ts';
import { connectSocket, nextEvent, request, roomTokens } from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

for (const kind of DATABASES) {
  describe(`signalling: the call (${kind.kind})`, function () {
    this.timeout(30_000);
    const f = useRoomFixture(kind.create);

    it('the clerk admits: the citizen gets an admitted snapshot, both get peer events, and signals relay', async () => {
      const { tokens, clerk, citizen, admittedSnapshot, peer } = await f.admitted();
      expect(admittedSnapshot.phase).to.equal('admitted');
      const off = { audio: false, video: false, screen: false };
      expect(admittedSnapshot.participants).to.deep.equal([
        { id: tokens.clerkId, role: 'clerk', name: 'Max Beispiel', media: off },
      ]);
      expect(admittedSnapshot.media).to.deep.equal({
        mode: 'p2p',
        iceServers: [],
        iceTransportPolicy: 'all',
        maxParticipants: 4,
      });
      expect(peer).to.deep.equal({ id: tokens.citizenId, role: 'citizen', name: 'Erika Mustermann', media: off });

      const offer = nextEvent(clerk.socket, 'signal:description');
      const sent = await request(citizen.socket, 'signal:description', {
        to: tokens.clerkId,
        description: { type: 'offer', sdp: 'v=0\r\n' },
        extra: 'dropped',
      });
      expect(sent.ok).to.equal(true);
      expect(await offer).to.deep.equal({ from: tokens.citizenId, description: { type: 'offer', sdp: 'v=0\r\n' } });

      const candidate = {
        candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      };
      const received = nextEvent(citizen.socket, 'signal:candidate');
      expect((await request(clerk.socket, 'signal:candidate', { to: tokens.citizenId, candidate })).ok).to.equal(true);
      expect(await received).to.deep.equal({ from: tokens.clerkId, candidate });

      const mediaState = nextEvent(clerk.socket, 'peer:media');
      expect((await request(citizen.socket, 'media:state', { audio: false, video: true })).ok).to.equal(true);
      expect(await mediaState).to.deep.equal({ id: tokens.citizenId, audio: false, video: true, screen: false });
    });

    it('a citizen who reconnects after admission goes straight back in', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const left = nextEvent(clerk.socket, 'peer:left');
      citizen.socket.close();
      expect(await left).to.deep.equal({ id: tokens.citizenId });

      const again = await f.connectWith(tokens.citizen);
      const joined = nextEvent(clerk.socket, 'peer:joined');
      const snapshot = await f.join(again.socket);
      expect(snapshot.phase).to.equal('admitted');
      expect(snapshot.participants.map((p) => p.id)).to.deep.equal([tokens.clerkId]);
      expect((await joined).id).to.equal(tokens.citizenId);
    });

    it('an admission survives closing the service and starting it again on the same database', async () => {
      const { tokens, citizen } = await f.admitted();
      citizen.socket.close();
      f.video = await f.video.restart();
      const socket = await connectSocket(f.video.baseUrl, { session: citizen.sessionToken });
      f.sockets.push(socket);
      const snapshot = await f.join(socket);
      expect(snapshot.phase).to.equal('admitted');
      expect(snapshot.clerkPresent).to.equal(false);
      expect(snapshot.media).to.not.equal(null);

      const clerk = await f.connectWith(tokens.clerk);
      const joined = nextEvent(socket, 'peer:joined');
      const clerkView = await f.join(clerk.socket);
      expect(clerkView.participants.map((p) => p.id)).to.deep.equal([tokens.citizenId]);
      expect(clerkView.waiting).to.deep.equal([]);
      expect((await joined).id).to.equal(tokens.clerkId);
    });

    it('a second connection of the same citizen replaces the first', async () => {
      const { tokens, clerk, citizen, lobby } = await f.clerkAndWaitingCitizen();
      const replaced = nextEvent(citizen.socket, 'session:replaced');
      const disconnected = new Promise<string>((resolve) => citizen.socket.once('disconnect', resolve));
      const second = await f.connectWith(tokens.citizen);
      const lobbyAgain = nextEvent(clerk.socket, 'lobby:changed');
      const snapshot = await f.join(second.socket);
      await replaced;
      expect(await disconnected).to.equal('io server disconnect');
      expect(snapshot.phase).to.equal('waiting');
      const waiting = (await lobbyAgain).waiting as WaitingEntry[];
      expect(
        waiting.map((w) => w.id),
        'one seat, not two',
      ).to.deep.equal([tokens.citizenId]);
      expect(waiting[0]!.since, 'the place in the queue is kept').to.equal(lobby.waiting[0]!.since);
    });

    it('a second connection of an admitted participant takes over the call', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const replaced = nextEvent(citizen.socket, 'session:replaced');
      const left = nextEvent(clerk.socket, 'peer:left');
      const second = await f.connectWith(tokens.citizen);
      const joined = nextEvent(clerk.socket, 'peer:joined');
      expect((await f.join(second.socket)).phase).to.equal('admitted');
      await replaced;
      expect(await left).to.deep.equal({ id: tokens.citizenId });
      expect((await joined).id).to.equal(tokens.citizenId);
      const offer = nextEvent(second.socket, 'signal:description');
      await request(clerk.socket, 'signal:description', {
        to: tokens.citizenId,
        description: { type: 'offer', sdp: 'x' },
      });
      expect((await offer).from).to.equal(tokens.clerkId);
    });

    it('admitting someone twice or before joining is refused with invalid_state', async () => {
      const { tokens, clerk } = await f.admitted();
      const twice = await request(clerk.socket, 'lobby:admit', { participantId: tokens.citizenId });
      expect(twice.ok === false && twice.error.code).to.equal('invalid_state');
      const other = roomTokens(f.key);
      const notJoined = await f.connectWith(other.clerk);
      const early = await request(notJoined.socket, 'lobby:admit', { participantId: other.citizenId });
      expect(early.ok === false && early.error.code).to.equal('invalid_state');
    });

    it('leaving on purpose tells the others; the admission stays', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const left = nextEvent(clerk.socket, 'peer:left');
      expect((await request(citizen.socket, 'room:leave', {})).ok).to.equal(true);
      expect(await left).to.deep.equal({ id: tokens.citizenId });
      const signal = await request(citizen.socket, 'signal:candidate', { to: tokens.clerkId, candidate: null });
      expect(signal.ok === false && signal.error.code).to.equal('forbidden');
      expect((await f.join(citizen.socket)).phase).to.equal('admitted');
    });
  });
}
