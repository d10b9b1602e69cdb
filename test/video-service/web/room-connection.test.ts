/**
 * The page's signalling connection (web/src/signalling/room-connection.ts) against a real video service: a
 * re-joining tab asks for its seat while its camera is still opening, applies the snapshot only once the
 * devices are ready, and hands on the notifications that came meanwhile only after the snapshot.
 */
import { expect } from 'chai';
import type { RoomSnapshot } from '../../../video-service/src/contract/signalling.ts';
import { RoomConnection } from '../../../video-service/web/src/signalling/room-connection.ts';
import { createSqliteDatabase } from '../../support/databases.ts';
import { nextEvent, request } from '../support.ts';
import { useRoomFixture } from '../room-fixture.ts';

describe('join page: taking the seat while the devices open', function () {
  this.timeout(30_000);
  const f = useRoomFixture(createSqliteDatabase);

  it('sends room:join before the devices are ready and passes later notifications on after the snapshot', async () => {
    const { tokens, clerk, citizen } = await f.admitted();
    citizen.socket.close();
    await nextEvent(clerk.socket, 'peer:left');

    let devicesReady!: () => void;
    const devices = new Promise<void>((resolve) => (devicesReady = resolve));
    const seen: string[] = [];
    let snapshot: RoomSnapshot | undefined;
    const connection = new RoomConnection({
      sessionToken: () => citizen.sessionToken,
      baseUrl: f.video.baseUrl,
      ready: () => devices,
      notifications: { 'peer:media': ({ id }) => seen.push(`peer:media ${id}`) },
      handlers: {
        entered: (s) => {
          snapshot = s;
          seen.push('entered');
        },
        reentering: () => undefined,
        lost: () => undefined,
        refused: (reason) => seen.push(`refused ${reason}`),
        failed: () => seen.push('failed'),
        endedByServer: () => undefined,
      },
    });
    try {
      // The seat is taken although the camera is not open yet: the clerk sees the citizen back.
      const back = await nextEvent(clerk.socket, 'peer:joined');
      expect(back.id).to.equal(tokens.citizenId);
      // A notification after the join reply, while the devices are still opening.
      expect((await request(clerk.socket, 'media:state', { audio: true, video: false })).ok).to.equal(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen, 'nothing handed on before the devices are ready').to.deep.equal([]);

      devicesReady();
      for (const deadline = Date.now() + 5000; !seen.includes('entered') && Date.now() < deadline; )
        await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).to.deep.equal(['entered', `peer:media ${tokens.clerkId}`]);
      expect(snapshot?.phase).to.equal('admitted');
      expect(snapshot?.participants.map((p) => p.id)).to.deep.equal([tokens.clerkId]);
    } finally {
      connection.close();
    }
  });
});
