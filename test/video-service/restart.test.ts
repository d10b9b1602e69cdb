/**
 * A restarted video-service process loses nothing: admissions, the waiting room, chat history, screen-share
 * permissions and closed rooms are in the database, and clients that reconnect get a fresh snapshot.
 * Runs on SQLite and MariaDB.
 */
import { expect } from 'chai';
import { DATABASES } from '../support/databases.ts';
import { connectSocket, participantToken, request, roomTokens } from './support.ts';
import { useRoomFixture } from './room-fixture.ts';

for (const kind of DATABASES) {
  describe(`a restart of the service (${kind.kind})`, function () {
    this.timeout(30_000);
    const f = useRoomFixture(kind.create);

    it('admission, lobby, chat and screen permission are back after a restart', async () => {
      const { tokens, clerk, citizen } = await f.admitted();
      const guestId = `guest-${tokens.room}`;
      const guest = await f.connectWith(participantToken(f.key, tokens.room, 'guest', guestId));
      await f.join(guest.socket);
      await request(citizen.socket, 'chat:send', { text: 'Vor dem Neustart' });
      await request(clerk.socket, 'screen:permission', { participantId: tokens.citizenId, allowed: true });
      await request(clerk.socket, 'lobby:message', { participantId: guestId, text: 'Gleich geht es weiter.' });

      f.video = await f.video.restart();
      const reconnect = async (sessionToken: string) => {
        const socket = await connectSocket(f.video.baseUrl, { session: sessionToken });
        f.sockets.push(socket);
        return f.join(socket);
      };
      const citizenView = await reconnect(citizen.sessionToken);
      expect(citizenView.phase).to.equal('admitted');
      expect(citizenView.chat.map((m) => m.text)).to.deep.equal(['Vor dem Neustart']);
      expect(citizenView.screenShareAllowed).to.deep.equal([tokens.citizenId]);
      const guestView = await reconnect(guest.sessionToken);
      expect(guestView.phase).to.equal('waiting');
      expect(guestView.lobbyMessages.map((m) => m.text)).to.deep.equal(['Gleich geht es weiter.']);
      const clerkView = await reconnect(clerk.sessionToken);
      expect(clerkView.participants.map((p) => p.id)).to.deep.equal([tokens.citizenId]);
      expect(clerkView.waiting.map((w) => w.id)).to.deep.equal([guestId]);
    });

    it('a closed room stays closed after a restart', async () => {
      const tokens = roomTokens(f.key);
      const clerk = await f.connectWith(tokens.clerk);
      await f.join(clerk.socket);
      expect((await request(clerk.socket, 'room:end', {})).ok).to.equal(true);
      f.video = await f.video.restart();
      const again = await f.connectWith(tokens.citizen);
      const reply = await request(again.socket, 'room:join', {});
      expect(reply.ok === false && reply.error.reason).to.equal('room_closed');
    });
  });
}
