/**
 * In the call over socket.io with real clients: text chat (stored, history on rejoin, never to the lobby),
 * "end for everyone", screen-share permission and state, connection quality for the clerk, and the
 * peer-to-peer mesh limit with a guest (interpreter). Runs on SQLite and MariaDB.
 */
import { expect } from 'chai';
import { DATABASES } from '../support/databases.ts';
import { connectSocket, nextEvent, participantToken, recordEvents, request, settle } from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

for (const kind of DATABASES) {
  describe(`signalling: chat, end, screen share, quality, capacity (${kind.kind})`, function () {
    this.timeout(30_000);
    const f = useRoomFixture(kind.create);

    it('chat goes to the others in the call, is stored, and comes back as history on rejoin — never to the lobby', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const guest = await f.connectWith(participantToken(f.key, tokens.room, 'guest', `guest-${tokens.room}`));
      const guestEvents = recordEvents(guest.socket);
      expect((await f.join(guest.socket)).phase).to.equal('waiting');

      const atClerk = nextEvent(clerk.socket, 'chat:message');
      const senderEvents = recordEvents(citizen.socket);
      const sent = await request(citizen.socket, 'chat:send', { text: '  Guten Tag!\nIch habe alles dabei.  ' });
      expect(sent.ok).to.equal(true);
      const message = sent.ok ? sent.data : undefined;
      expect(message).to.deep.include({
        text: 'Guten Tag!\nIch habe alles dabei.',
        from: { id: tokens.citizenId, role: 'citizen', name: 'Erika Mustermann' },
      });
      expect(await atClerk).to.deep.equal(message);
      const reply = await request(clerk.socket, 'chat:send', { text: 'Willkommen.' });

      citizen.socket.close();
      const back = await f.connectWith(tokens.citizen);
      const snapshot = await f.join(back.socket);
      expect(snapshot.chat.map((m) => m.text)).to.deep.equal(['Guten Tag!\nIch habe alles dabei.', 'Willkommen.']);
      expect(snapshot.chat[1]).to.deep.equal(reply.ok ? reply.data : undefined);

      const fromLobby = await request(guest.socket, 'chat:send', { text: 'Hallo?' });
      expect(fromLobby.ok === false && fromLobby.error.code).to.equal('forbidden');
      await settle();
      expect(
        guestEvents.filter((e) => e.event === 'chat:message'),
        'the waiting guest saw no chat',
      ).to.deep.equal([]);
      const own = senderEvents.filter(
        (e) => e.event === 'chat:message' && (e.payload as { from: { id: string } }).from.id === tokens.citizenId,
      );
      expect(own, 'the sender gets the reply, not a notification').to.deep.equal([]);
    });

    it('chat text is limited: empty, too long or with control characters is refused', async () => {
      const { clerk } = await f.admitted();
      for (const text of ['', '   ', 'x'.repeat(2001), 'a\u0000b', 42]) {
        const reply = await request(clerk.socket, 'chat:send', { text });
        expect(reply.ok === false && reply.error.code, JSON.stringify(text).slice(0, 20)).to.equal('invalid_input');
      }
      expect((await request(clerk.socket, 'chat:send', { text: 'x'.repeat(2000) })).ok).to.equal(true);
    });

    it('"end for everyone": all get room:closed and are disconnected; the room then refuses joins with room_closed', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const waitingGuest = await f.connectWith(participantToken(f.key, tokens.room, 'guest', `guest-${tokens.room}`));
      await f.join(waitingGuest.socket);
      const notAdmittedYet = participantToken(f.key, tokens.room, 'guest', `guest2-${tokens.room}`);

      const closedAt = [clerk, citizen, waitingGuest].map((c) => nextEvent(c.socket, 'room:closed'));
      const gone = [clerk, citizen, waitingGuest].map(
        (c) => new Promise<string>((resolve) => c.socket.once('disconnect', resolve)),
      );
      const byCitizen = await request(citizen.socket, 'room:end', {});
      expect(byCitizen.ok === false && byCitizen.error.code, 'only a clerk may end').to.equal('forbidden');
      expect(await request(clerk.socket, 'room:end', {})).to.deep.equal({ ok: true, data: null });
      for (const closed of closedAt) expect(await closed).to.deep.equal({ reason: 'ended' });
      for (const reason of gone) expect(await reason).to.equal('io server disconnect');

      for (const token of [tokens.citizen, tokens.clerk, notAdmittedYet]) {
        const again = await f.connectWith(token);
        const reply = await request(again.socket, 'room:join', {});
        expect(reply.ok === false && reply.error).to.deep.include({ code: 'invalid_state', reason: 'room_closed' });
      }

      const later = participantToken(f.key, tokens.room, 'clerk', tokens.clerkId, {
        iat: Math.floor(Date.now() / 1000) + 2,
      });
      const reopened = await f.connectWith(later);
      expect((await f.join(reopened.socket)).phase, 'a link issued after the end opens the room again').to.equal(
        'admitted',
      );
    });

    it('a clerk allows the citizen to share the screen; the permission is in snapshots and media:state checks it', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const refused = await request(citizen.socket, 'media:state', { audio: true, video: true, screen: true });
      expect(refused.ok === false && refused.error.code).to.equal('forbidden');
      expect(
        (await request(clerk.socket, 'media:state', { audio: true, video: true, screen: true })).ok,
        'clerks always may',
      ).to.equal(true);

      const permissions = [nextEvent(citizen.socket, 'room:permissions'), nextEvent(clerk.socket, 'room:permissions')];
      const byCitizen = await request(citizen.socket, 'screen:permission', {
        participantId: tokens.citizenId,
        allowed: true,
      });
      expect(byCitizen.ok === false && byCitizen.error.code).to.equal('forbidden');
      expect(
        await request(clerk.socket, 'screen:permission', { participantId: tokens.citizenId, allowed: true }),
      ).to.deep.equal({ ok: true, data: null });
      for (const p of permissions) expect(await p).to.deep.equal({ screenShareAllowed: [tokens.citizenId] });

      const shared = nextEvent(clerk.socket, 'peer:media');
      expect((await request(citizen.socket, 'media:state', { audio: true, video: false, screen: true })).ok).to.equal(
        true,
      );
      expect(await shared).to.deep.equal({ id: tokens.citizenId, audio: true, video: false, screen: true });

      const clerkAgain = await f.connectWith(tokens.clerk);
      const view = await f.join(clerkAgain.socket);
      expect(view.screenShareAllowed).to.deep.equal([tokens.citizenId]);
      expect(view.participants).to.deep.equal([
        {
          id: tokens.citizenId,
          role: 'citizen',
          name: 'Erika Mustermann',
          media: { audio: true, video: false, screen: true },
        },
      ]);

      const revoked = nextEvent(citizen.socket, 'room:permissions');
      await request(clerkAgain.socket, 'screen:permission', { participantId: tokens.citizenId, allowed: false });
      expect(await revoked).to.deep.equal({ screenShareAllowed: [] });
      const clerkTarget = await request(clerkAgain.socket, 'screen:permission', {
        participantId: tokens.clerkId,
        allowed: true,
      });
      expect(clerkTarget.ok === false && clerkTarget.error.code).to.equal('forbidden');
    });

    it('connection quality reports reach the clerk only', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const citizenEvents = recordEvents(citizen.socket);
      const atClerk = nextEvent(clerk.socket, 'peer:quality');
      expect(
        (
          await request(citizen.socket, 'quality:report', {
            level: 'poor',
            rttMs: 420,
            packetLoss: 0.08,
            bitrateKbps: 150,
            extra: 1,
          })
        ).ok,
      ).to.equal(true);
      expect(await atClerk).to.deep.equal({
        id: tokens.citizenId,
        level: 'poor',
        rttMs: 420,
        packetLoss: 0.08,
        bitrateKbps: 150,
      });
      expect((await request(clerk.socket, 'quality:report', { level: 'good' })).ok).to.equal(true);
      const bad = await request(citizen.socket, 'quality:report', { level: 'great', packetLoss: 3 });
      expect(bad.ok === false && bad.error.code).to.equal('invalid_input');
      await settle();
      expect(citizenEvents.filter((e) => e.event === 'peer:quality')).to.deep.equal([]);
    });

    it('a guest (interpreter) joins as a third participant; the peer-to-peer mesh refuses a fifth with room_full', async () => {
      const { tokens, clerk } = await f.admitted();
      const others = ['guest-a', 'guest-b', 'guest-c'];
      const joined = [];
      for (const sub of others) {
        const guest = await f.connectWith(participantToken(f.key, tokens.room, 'guest', `${sub}-${tokens.room}`));
        const first = await f.join(guest.socket);
        expect(first.phase).to.equal('waiting');
        joined.push({ sub: `${sub}-${tokens.room}`, guest });
      }
      const admit = (id: string) => request(clerk.socket, 'lobby:admit', { participantId: id });
      const third = nextEvent(joined[0]!.guest.socket, 'room:snapshot');
      expect((await admit(joined[0]!.sub)).ok).to.equal(true);
      const snapshot = await third;
      expect(snapshot.participants.map((p) => p.role).sort()).to.deep.equal(['citizen', 'clerk']);
      expect(snapshot.media).to.include({ mode: 'p2p', maxParticipants: 4 });
      expect((await admit(joined[1]!.sub)).ok, 'the fourth').to.equal(true);
      const fifth = await admit(joined[2]!.sub);
      expect(fifth.ok === false && fifth.error).to.deep.include({ code: 'invalid_state', reason: 'room_full' });
      expect((await request(joined[2]!.guest.socket, 'room:join', {})).ok, 'still waiting, not dropped').to.equal(true);
    });

    it('an admitted participant who comes back to a full call is refused with room_full', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const guests = [];
      for (const sub of ['g1', 'g2', 'g3']) {
        const token = participantToken(f.key, tokens.room, 'guest', `${sub}-${tokens.room}`);
        const guest = await f.connectWith(token);
        await f.join(guest.socket);
        guests.push({ id: `${sub}-${tokens.room}`, token, guest });
      }
      await request(clerk.socket, 'lobby:admit', { participantId: guests[0]!.id });
      await request(clerk.socket, 'lobby:admit', { participantId: guests[1]!.id });
      guests[2]!.guest.socket.close();
      await settle(100);
      citizen.socket.close();
      await settle(200);
      // The citizen's seat is free now; admit the third guest into it, then the citizen comes back.
      const third = await f.connectWith(guests[2]!.token);
      await f.join(third.socket);
      expect((await request(clerk.socket, 'lobby:admit', { participantId: guests[2]!.id })).ok).to.equal(true);
      const back = await connectSocket(f.video.baseUrl, { session: citizen.sessionToken });
      f.sockets.push(back);
      const reply = await request(back, 'room:join', {});
      expect(reply.ok === false && reply.error).to.deep.include({ code: 'invalid_state', reason: 'room_full' });
    });
  });
}
