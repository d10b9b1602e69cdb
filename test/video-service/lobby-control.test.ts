/**
 * The clerk's waiting-room controls over socket.io with real clients: turning someone away with a message,
 * sending an admitted citizen back, writing to someone waiting; and what a waiting citizen's snapshot tells
 * them. Nobody is dropped silently. Runs on SQLite and MariaDB.
 */
import { expect } from 'chai';
import { DATABASES } from '../support/databases.ts';
import { nextEvent, recordEvents, request, roomTokens, settle } from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

for (const kind of DATABASES) {
  describe(`signalling: the clerk's lobby controls (${kind.kind})`, function () {
    this.timeout(30_000);
    const f = useRoomFixture(kind.create);

    it('a waiting citizen is turned away with a message: they see it, are disconnected, and leave the list', async () => {
      const { tokens, clerk, citizen } = await f.clerkAndWaitingCitizen();
      const rejected = nextEvent(citizen.socket, 'lobby:rejected');
      const disconnected = new Promise<string>((resolve) => citizen.socket.once('disconnect', resolve));
      const lobby = nextEvent(clerk.socket, 'lobby:changed');
      const reply = await request(clerk.socket, 'lobby:reject', {
        participantId: tokens.citizenId,
        message: '  Bitte buchen Sie einen neuen Termin.  ',
      });
      expect(reply).to.deep.equal({ ok: true, data: null });
      expect(await rejected).to.deep.equal({ message: 'Bitte buchen Sie einen neuen Termin.' });
      expect(await disconnected).to.equal('io server disconnect');
      expect((await lobby).waiting).to.deep.equal([]);

      const again = await f.connectWith(tokens.citizen);
      const snapshot = await f.join(again.socket);
      expect(snapshot.phase, 'opening the link again means waiting again').to.equal('waiting');
    });

    it('turning someone away without a message sends null', async () => {
      const { tokens, clerk, citizen } = await f.clerkAndWaitingCitizen();
      const rejected = nextEvent(citizen.socket, 'lobby:rejected');
      expect((await request(clerk.socket, 'lobby:reject', { participantId: tokens.citizenId })).ok).to.equal(true);
      expect(await rejected).to.deep.equal({ message: null });
    });

    it('an admitted citizen sent back to the lobby waits again, also after a reload, until admitted again', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const back = nextEvent(citizen.socket, 'room:snapshot');
      const left = nextEvent(clerk.socket, 'peer:left');
      const lobby = nextEvent(clerk.socket, 'lobby:changed');
      expect(await request(clerk.socket, 'lobby:return', { participantId: tokens.citizenId })).to.deep.equal({
        ok: true,
        data: null,
      });
      const snapshot = await back;
      expect(snapshot).to.include({ phase: 'waiting', media: null });
      expect(snapshot.participants).to.deep.equal([]);
      expect(snapshot.chat).to.deep.equal([]);
      expect(await left).to.deep.equal({ id: tokens.citizenId });
      const waiting = (await lobby).waiting;
      expect(waiting.map((w) => [w.id, w.connected])).to.deep.equal([[tokens.citizenId, true]]);
      expect(Date.parse(waiting[0]!.since)).to.be.closeTo(Date.now(), 5000);

      const signal = await request(citizen.socket, 'signal:candidate', { to: tokens.clerkId, candidate: null });
      expect(signal.ok === false && signal.error.code, 'no signalling once sent back').to.equal('forbidden');

      citizen.socket.close();
      const reloaded = await f.connectWith(tokens.citizen);
      expect((await f.join(reloaded.socket)).phase, 'the admission is withdrawn').to.equal('waiting');
      const admitted = nextEvent(reloaded.socket, 'room:snapshot');
      expect((await request(clerk.socket, 'lobby:admit', { participantId: tokens.citizenId })).ok).to.equal(true);
      expect((await admitted).phase).to.equal('admitted');
    });

    it('a clerk writes to a waiting citizen: it arrives, is shown again after a reload, and not once admitted', async () => {
      const { tokens, clerk, citizen } = await f.clerkAndWaitingCitizen();
      const arrived = nextEvent(citizen.socket, 'lobby:message');
      const reply = await request(clerk.socket, 'lobby:message', {
        participantId: tokens.citizenId,
        text: 'Ich bin gleich für Sie da.',
      });
      expect(reply.ok).to.equal(true);
      const message = await arrived;
      expect(message).to.deep.include({
        text: 'Ich bin gleich für Sie da.',
        from: { id: tokens.clerkId, role: 'clerk', name: 'Max Beispiel' },
      });
      expect(reply.ok && reply.data).to.deep.equal(message);

      citizen.socket.close();
      const reloaded = await f.connectWith(tokens.citizen);
      const snapshot = await f.join(reloaded.socket);
      expect(snapshot.lobbyMessages).to.deep.equal([message]);

      const admitted = nextEvent(reloaded.socket, 'room:snapshot');
      await request(clerk.socket, 'lobby:admit', { participantId: tokens.citizenId });
      expect((await admitted).lobbyMessages).to.deep.equal([]);
    });

    it("a waiting citizen's snapshot says whether a clerk is there and when the appointment starts", async () => {
      const tokens = roomTokens(f.key);
      const citizen = await f.connectWith(tokens.citizen);
      const snapshot = await f.join(citizen.socket);
      expect(snapshot).to.include({ phase: 'waiting', clerkPresent: false, media: null });
      expect(Date.parse(snapshot.appointment.start)).to.be.greaterThan(Date.now());
      expect(snapshot).to.deep.include({
        chat: [],
        lobbyMessages: [],
        screenShareAllowed: [],
        participants: [],
        waiting: [],
      });
    });

    it('the controls act only on the right people: not_found for strangers, forbidden for clerks, citizens cannot use them', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const events = recordEvents(citizen.socket);
      const notWaiting = await request(clerk.socket, 'lobby:reject', { participantId: tokens.citizenId });
      expect(notWaiting.ok === false && notWaiting.error.code, 'an admitted citizen cannot be rejected').to.equal(
        'invalid_state',
      );
      const stranger = await request(clerk.socket, 'lobby:message', {
        participantId: 'citizen-elsewhere',
        text: 'Hallo',
      });
      expect(stranger.ok === false && stranger.error.code).to.equal('not_found');
      const clerkBack = await request(clerk.socket, 'lobby:return', { participantId: tokens.clerkId });
      expect(clerkBack.ok === false && clerkBack.error.code).to.equal('forbidden');
      const byCitizen = await request(citizen.socket, 'lobby:return', { participantId: tokens.citizenId });
      expect(byCitizen.ok === false && byCitizen.error.code).to.equal('forbidden');
      const tooLong = await request(clerk.socket, 'lobby:message', {
        participantId: tokens.citizenId,
        text: 'x'.repeat(501),
      });
      expect(tooLong.ok === false && tooLong.error.code).to.equal('invalid_input');
      const blank = await request(clerk.socket, 'lobby:reject', { participantId: tokens.citizenId, message: '   ' });
      expect(blank.ok === false && blank.error.code).to.equal('invalid_input');
      await settle();
      expect(events.map((e) => e.event)).to.deep.equal([]);
    });

    it('a clerk of another room cannot control this lobby', async () => {
      const { tokens, citizen } = await f.clerkAndWaitingCitizen();
      const events = recordEvents(citizen.socket);
      const other = roomTokens(f.key);
      const foreign = (await f.connectWith(other.clerk)).socket;
      await f.join(foreign);
      for (const [event, payload] of [
        ['lobby:reject', { participantId: tokens.citizenId }],
        ['lobby:message', { participantId: tokens.citizenId, text: 'Hallo' }],
        ['lobby:admit', { participantId: tokens.citizenId }],
      ] as const) {
        const reply = await request(foreign, event, payload);
        expect(reply.ok === false && reply.error.code, event).to.equal('not_found');
      }
      await settle();
      expect(events.map((e) => e.event)).to.deep.equal([]);
    });
  });
}
