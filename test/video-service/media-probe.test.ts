/**
 * `media:probe`: the connectivity check's short-lived TURN credentials, handed out before admission too —
 * but only to a usable session, bound to the participant, at most 10 minutes, in an open room, and without
 * opening any way to the others (a waiting participant still cannot signal anyone).
 */
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import type { MediaProbe } from '../../video-service/src/contract/signalling.ts';
import {
  connectSocket,
  createSigningKey,
  joinClaims,
  openSession,
  recordEvents,
  request,
  settle,
  signJoinToken,
  startVideoService,
  type RoomClient,
  type StartedVideoService,
} from './support.ts';

const SECRET = 'turn-secret-for-the-probe-tests';

describe('media:probe: TURN credentials for the connectivity check', function () {
  this.timeout(20_000);
  const key = createSigningKey();
  let video: StartedVideoService;
  const sockets: RoomClient[] = [];

  before(async () => {
    video = await startVideoService({
      keys: [key],
      env: {
        TURN_URLS: 'stun:127.0.0.1:3478,turn:127.0.0.1:3478?transport=udp',
        TURN_SECRET: SECRET,
        TURN_RELAY_ONLY: 'true',
      },
    });
  });
  after(() => video?.close());
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  async function connect(claims: ReturnType<typeof joinClaims>): Promise<{ socket: RoomClient; sessionToken: string }> {
    const { sessionToken } = await openSession(video.baseUrl, signJoinToken(key, claims));
    const socket = await connectSocket(video.baseUrl, { session: sessionToken });
    sockets.push(socket);
    return { socket, sessionToken };
  }

  async function probe(socket: RoomClient): Promise<MediaProbe> {
    const reply = await request(socket, 'media:probe', {});
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.data;
  }

  it('a waiting citizen gets credentials bound to their id, valid at most 10 minutes, and still cannot signal anyone', async () => {
    const room = `appt-${crypto.randomUUID()}`;
    const clerk = await connect(joinClaims({ room, sub: `clerk-${room}`, role: 'clerk' }));
    expect((await request(clerk.socket, 'room:join', {})).ok).to.equal(true);
    const clerkEvents = recordEvents(clerk.socket);
    const citizenId = `citizen-${room}`;
    const citizen = await connect(joinClaims({ room, sub: citizenId }));
    const joined = await request(citizen.socket, 'room:join', {});
    expect(joined.ok && joined.data.phase, 'the citizen waits').to.equal('waiting');

    const before = Math.floor(Date.now() / 1000);
    const answer = await probe(citizen.socket);
    expect(answer.iceTransportPolicy).to.equal('relay');
    expect(answer.iceServers[0]).to.deep.equal({ urls: ['stun:127.0.0.1:3478'] });
    const relay = answer.iceServers.find((s) => s.urls.some((u) => u.startsWith('turn')))!;
    expect(relay.urls).to.deep.equal(['turn:127.0.0.1:3478?transport=udp']);
    const [expiry, user] = relay.username!.split(':');
    expect(user, 'bound to the participant').to.equal(citizenId);
    expect(Number(expiry) - before, 'lifetime in seconds').to.be.within(595, 601);
    expect(answer.expiresAt).to.equal(new Date(Number(expiry) * 1000).toISOString());
    expect(relay.credential, 'coturn REST password').to.equal(
      createHmac('sha1', SECRET).update(relay.username!).digest('base64'),
    );

    // The credentials change nothing about the waiting room: no signal reaches the clerk.
    const signal = await request(citizen.socket, 'signal:description', {
      to: `clerk-${room}`,
      description: { type: 'offer', sdp: 'v=0\r\n' },
    });
    expect(signal.ok ? 'ok' : signal.error.code).to.equal('forbidden');
    await settle();
    expect(
      clerkEvents.map((e) => e.event),
      'the clerk got nothing from the waiting citizen',
    ).to.not.include('signal:description');
  });

  it('works before room:join (the device-check page); a closed room gives none', async () => {
    const room = `appt-${crypto.randomUUID()}`;
    const { socket } = await connect(joinClaims({ room, sub: `citizen-${room}` }));
    const answer = await probe(socket);
    expect(answer.iceServers.some((s) => s.username?.endsWith(`:citizen-${room}`))).to.equal(true);

    const clerk = await connect(joinClaims({ room, sub: `clerk-${room}`, role: 'clerk' }));
    await request(clerk.socket, 'room:join', {});
    expect((await request(clerk.socket, 'room:end', {})).ok, 'the clerk ends the room').to.equal(true);
    const reply = await request(socket, 'media:probe', {});
    expect(reply.ok ? 'ok' : `${reply.error.code}/${reply.error.reason}`).to.equal('invalid_state/room_closed');
  });

  it('a session revoked after the handshake gets no credentials (unauthorized, revoked)', async () => {
    const room = `appt-${crypto.randomUUID()}`;
    const claims = joinClaims({ room, sub: `citizen-${room}` });
    const { socket } = await connect(claims);
    // Revoked in the database only (as another process would): this connection is still open.
    await video.service.db.revokedTokens.revoke(claims.jti, new Date());
    const reply = await request(socket, 'media:probe', {});
    expect(reply.ok).to.equal(false);
    if (reply.ok) return;
    expect(reply.error).to.include({ code: 'unauthorized', reason: 'revoked' });
    expect(JSON.stringify(reply), 'no credential in the refusal').to.not.match(/credential|turn:/);
  });

  it('an unauthenticated socket is refused at the handshake and never reaches media:probe', async () => {
    const refused = await connectSocket(video.baseUrl, {}).then(
      (socket) => {
        sockets.push(socket);
        return 'connected';
      },
      (error: Error) => error.message,
    );
    expect(refused).to.equal('unauthorized');
    const forged = await connectSocket(video.baseUrl, { session: 'not-a-session' }).then(
      () => 'connected',
      (error: Error) => error.message,
    );
    expect(forged).to.equal('invalid');
  });

  it('is rate-limited per connection: three at once, then rate_limited', async () => {
    const room = `appt-${crypto.randomUUID()}`;
    const { socket } = await connect(joinClaims({ room, sub: `citizen-${room}` }));
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const reply = await request(socket, 'media:probe', {});
      codes.push(reply.ok ? 'ok' : reply.error.code);
    }
    expect(codes).to.deep.equal(['ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
  });

  it('without TURN configured the answer holds no credentials', async () => {
    const plain = await startVideoService({ keys: [key], env: { TURN_URLS: 'stun:127.0.0.1:3478' } });
    try {
      const { sessionToken } = await openSession(
        plain.baseUrl,
        signJoinToken(key, joinClaims({ sub: 'citizen-plain' })),
      );
      const socket = await connectSocket(plain.baseUrl, { session: sessionToken });
      sockets.push(socket);
      expect(await probe(socket)).to.deep.equal({
        iceServers: [{ urls: ['stun:127.0.0.1:3478'] }],
        iceTransportPolicy: 'all',
        expiresAt: null,
      });
    } finally {
      await plain.close();
    }
  });
});
