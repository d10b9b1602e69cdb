/**
 * Several processes: two video services on different ports sharing one Redis (a key prefix of their own per
 * run) and one fresh MariaDB database serve one room. A citizen on A and the clerk on B: the waiting list,
 * admission, signals, chat and presence flow across; a second device on the other process takes over the
 * seat; a process that stops leaves no ghosts.
 */
import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { createMariaDatabase, type TestDatabase } from '../support/databases.ts';
import {
  connectSocket,
  createSigningKey,
  nextEvent,
  openSession,
  participantToken,
  recordEvents,
  request,
  roomTokens,
  settle,
  startVideoService,
  type RoomClient,
  type StartedVideoService,
} from './support.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('several processes sharing Redis and MariaDB', function () {
  this.timeout(40_000);
  const key = createSigningKey();
  const prefix = `va-test-${randomBytes(4).toString('hex')}`;
  let database: TestDatabase;
  let a: StartedVideoService;
  let b: StartedVideoService;
  const sockets: RoomClient[] = [];

  const start = () =>
    startVideoService({
      keys: [key],
      databaseUrl: database.url,
      env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, LOBBY_GRACE_SECONDS: '2' },
    });

  before(async () => {
    database = await createMariaDatabase();
    a = await start();
    b = await start();
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  after(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.close();
  });

  async function enter(
    video: StartedVideoService,
    token: string,
  ): Promise<{ socket: RoomClient; sessionToken: string }> {
    const { sessionToken } = await openSession(video.baseUrl, token);
    const socket = await connectSocket(video.baseUrl, { session: sessionToken });
    sockets.push(socket);
    return { socket, sessionToken };
  }

  async function join(socket: RoomClient) {
    const reply = await request(socket, 'room:join', {});
    if (!reply.ok) throw new Error(`room:join failed: ${reply.error.code} ${reply.error.message}`);
    return reply.data;
  }

  it('the two processes are distinct nodes on different ports', () => {
    expect(a.baseUrl).not.to.equal(b.baseUrl);
    expect(a.service.node).not.to.equal(b.service.node);
  });

  it('a citizen on A and the clerk on B: waiting list, admission, signals, media state and chat flow across', async () => {
    const tokens = roomTokens(key);
    const citizen = await enter(a, tokens.citizen);
    const citizenEvents = recordEvents(citizen.socket);
    const first = await join(citizen.socket);
    expect(first).to.include({ phase: 'waiting', clerkPresent: false });

    const clerk = await enter(b, tokens.clerk);
    const clerkArrived = nextEvent(citizen.socket, 'room:snapshot');
    const clerkView = await join(clerk.socket);
    expect(clerkView.waiting.map((w) => [w.id, w.connected])).to.deep.equal([[tokens.citizenId, true]]);
    expect((await clerkArrived).clerkPresent, 'presence crosses processes').to.equal(true);

    const admitted = nextEvent(citizen.socket, 'room:snapshot');
    const peerJoined = nextEvent(clerk.socket, 'peer:joined');
    expect(await request(clerk.socket, 'lobby:admit', { participantId: tokens.citizenId })).to.deep.equal({
      ok: true,
      data: null,
    });
    const snapshot = await admitted;
    expect(snapshot.phase).to.equal('admitted');
    expect(snapshot.participants.map((p) => p.id)).to.deep.equal([tokens.clerkId]);
    expect((await peerJoined).id).to.equal(tokens.citizenId);

    const offer = nextEvent(clerk.socket, 'signal:description');
    expect(
      (
        await request(citizen.socket, 'signal:description', {
          to: tokens.clerkId,
          description: { type: 'offer', sdp: 'v=0\r\n' },
        })
      ).ok,
    ).to.equal(true);
    expect(await offer).to.deep.equal({ from: tokens.citizenId, description: { type: 'offer', sdp: 'v=0\r\n' } });
    const answer = nextEvent(citizen.socket, 'signal:description');
    expect(
      (
        await request(clerk.socket, 'signal:description', {
          to: tokens.citizenId,
          description: { type: 'answer', sdp: 'v=0\r\n' },
        })
      ).ok,
    ).to.equal(true);
    expect((await answer).from).to.equal(tokens.clerkId);

    const media = nextEvent(clerk.socket, 'peer:media');
    await request(citizen.socket, 'media:state', { audio: true, video: false });
    expect(await media).to.deep.equal({ id: tokens.citizenId, audio: true, video: false, screen: false });

    const chat = nextEvent(citizen.socket, 'chat:message');
    await request(clerk.socket, 'chat:send', { text: 'Hallo von B' });
    expect((await chat).text).to.equal('Hallo von B');

    const left = nextEvent(clerk.socket, 'peer:left');
    citizen.socket.close();
    expect(await left).to.deep.equal({ id: tokens.citizenId });

    const back = await enter(b, tokens.citizen);
    const again = await join(back.socket);
    expect(again.phase, 'admitted, now on the other process').to.equal('admitted');
    expect(again.chat.map((m) => m.text)).to.deep.equal(['Hallo von B']);
    expect(citizenEvents.filter((e) => e.event === 'lobby:changed')).to.deep.equal([]);
  });

  it('a second device on the other process takes over the seat', async () => {
    const tokens = roomTokens(key);
    const clerk = await enter(a, tokens.clerk);
    await join(clerk.socket);
    const first = await enter(a, tokens.citizen);
    await join(first.socket);
    const replaced = nextEvent(first.socket, 'session:replaced');
    const gone = new Promise<string>((resolve) => first.socket.once('disconnect', resolve));
    const second = await enter(b, tokens.citizen);
    await join(second.socket);
    await replaced;
    expect(await gone).to.equal('io server disconnect');
    const lobby = await request(clerk.socket, 'room:join', {});
    expect(lobby.ok && lobby.data.waiting.map((w) => [w.id, w.connected])).to.deep.equal([[tokens.citizenId, true]]);
  });

  it('ending the room on B closes connections on A; a guest link waiting on A is refused afterwards', async () => {
    const tokens = roomTokens(key);
    const citizen = await enter(a, tokens.citizen);
    await join(citizen.socket);
    const clerk = await enter(b, tokens.clerk);
    await join(clerk.socket);
    const closed = nextEvent(citizen.socket, 'room:closed');
    expect((await request(clerk.socket, 'room:end', {})).ok).to.equal(true);
    expect(await closed).to.deep.equal({ reason: 'ended' });
    const guest = await enter(a, participantToken(key, tokens.room, 'guest', `guest-${tokens.room}`));
    const reply = await request(guest.socket, 'room:join', {});
    expect(reply.ok === false && reply.error.reason).to.equal('room_closed');
  });

  it('when a process stops, its participants count as gone on the other one', async () => {
    const c = await start();
    try {
      const tokens = roomTokens(key);
      const clerk = await enter(a, tokens.clerk);
      await join(clerk.socket);
      const citizen = await enter(c, tokens.citizen);
      await join(citizen.socket);
      await request(clerk.socket, 'lobby:admit', { participantId: tokens.citizenId });
      await settle(200);
      await c.close();
      const left = nextEvent(clerk.socket, 'peer:left');
      // The citizen's browser reconnects through the load balancer to A; the room is touched and tidied.
      const back = await enter(a, tokens.citizen);
      const joined = nextEvent(clerk.socket, 'peer:joined');
      expect((await join(back.socket)).phase).to.equal('admitted');
      expect(await left, 'the seat of the stopped process is freed first').to.deep.equal({ id: tokens.citizenId });
      expect((await joined).id).to.equal(tokens.citizenId);
      const view = await request(clerk.socket, 'room:join', {});
      expect(view.ok && view.data.participants.map((p) => p.id)).to.deep.equal([tokens.citizenId]);
    } finally {
      await c.close();
    }
  });
});
