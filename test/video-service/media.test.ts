/**
 * Media: which mode the service runs in and why (auto falls back to peer-to-peer without a mediasoup worker),
 * TURN credentials in coturn's REST scheme handed out only once admitted, and the SFU's room routers when a
 * worker is present on this machine.
 */
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { loadConfig } from '../../video-service/src/config.ts';
import { VideoService } from '../../video-service/src/app.ts';
import { MediaStartError, roomCapacity } from '../../video-service/src/media/media-mode.ts';
import { startSfu, type Sfu } from '../../video-service/src/media/sfu/index.ts';
import { createRootLogger } from '../../video-service/src/log.ts';
import type { RoomSnapshot } from '../../video-service/src/contract/signalling.ts';
import {
  connectSocket,
  createSigningKey,
  joinClaims,
  nextEvent,
  NO_WORKER_ENV,
  openSession,
  request,
  requireWorker,
  signJoinToken,
  startVideoService,
  testWorkerBin,
  type RoomClient,
} from './support.ts';

describe('media: mode selection', function () {
  this.timeout(20_000);
  const key = createSigningKey();

  // The no-worker cases force "no worker" (a worker binary that does not exist), so they run on every machine.
  it('auto without a worker falls back to peer-to-peer and says why on /readyz', async function () {
    const video = await startVideoService({ keys: [key], env: { MEDIA_MODE: 'auto', ...NO_WORKER_ENV } });
    try {
      const res = await fetch(`${video.baseUrl}/readyz`);
      expect(res.status).to.equal(200);
      const body = (await res.json()) as { status: string; database: string; media: { mode: string; reason: string } };
      expect(body).to.deep.include({ status: 'ready', database: 'ok' });
      expect(body.media.mode).to.equal('p2p');
      expect(body.media.reason).to.match(/MEDIA_MODE=auto: no mediasoup worker could start .*peer-to-peer/);
    } finally {
      await video.close();
    }
  });

  it('sfu without a worker fails start-up with a clear message', async function () {
    const config = loadConfig({
      MEDIA_MODE: 'sfu',
      ...NO_WORKER_ENV,
      DATABASE_URL: 'sqlite::memory:',
      JWKS_FILE: '/nonexistent/jwks.json',
      LOG_LEVEL: 'silent',
    });
    const failure = await VideoService.create(config).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(MediaStartError);
    expect((failure as Error).message).to.match(/^MEDIA_MODE=sfu but no mediasoup worker could start/);
  });

  it('the call capacity follows the media mode: a small mesh peer-to-peer, more through the SFU', () => {
    const limits = loadConfig({ P2P_MAX_PARTICIPANTS: '3', SFU_MAX_PARTICIPANTS: '20' }).maxParticipants;
    expect(roomCapacity('p2p', limits)).to.equal(3);
    expect(roomCapacity('sfu', limits)).to.equal(20);
    expect(roomCapacity('p2p', loadConfig({}).maxParticipants), 'citizen, clerk, interpreter and one more').to.equal(4);
  });

  it('p2p never tries a worker', async () => {
    const video = await startVideoService({ keys: [key], env: { MEDIA_MODE: 'p2p' } });
    try {
      const body = (await (await fetch(`${video.baseUrl}/readyz`)).json()) as {
        media: { mode: string; reason: string };
      };
      expect(body.media).to.deep.equal({ mode: 'p2p', reason: 'MEDIA_MODE=p2p' });
    } finally {
      await video.close();
    }
  });

  describe('the SFU (needs a mediasoup worker)', () => {
    let sfu: Sfu | undefined;

    before(async function () {
      await requireWorker(this);
    });
    afterEach(() => sfu?.close());

    it('auto with the cached worker picks the SFU and /readyz says so', async () => {
      const video = await startVideoService({
        keys: [key],
        env: {
          MEDIA_MODE: 'auto',
          MEDIASOUP_WORKERS: '1',
          MEDIASOUP_LISTEN_IP: '127.0.0.1',
          MEDIASOUP_PORT: '0',
          MEDIASOUP_WORKER_BIN: testWorkerBin() ?? '',
        },
      });
      try {
        const body = (await (await fetch(`${video.baseUrl}/readyz`)).json()) as {
          media: { mode: string; reason: string };
        };
        expect(body.media).to.deep.equal({
          mode: 'sfu',
          reason: 'MEDIA_MODE=auto: 1 mediasoup worker(s) started',
          workers: { configured: 1, live: 1, restarts: 0, restarting: [], down: [] },
        });
      } finally {
        await video.close();
      }
    });

    it('creates one router per room offering Opus, VP8 and H264', async function () {
      sfu = await startSfu({
        workers: 1,
        workerBin: testWorkerBin(),
        listenIp: '127.0.0.1',
        announcedAddress: undefined,
        port: 0,
        restartLimit: 5,
        restartWindowMs: 600_000,
        publicUrl: 'http://127.0.0.1:4000',
        log: createRootLogger('silent'),
      });
      const a = await sfu.routers.routerFor('room-a');
      expect(await sfu.routers.routerFor('room-a')).to.equal(a);
      const b = await sfu.routers.routerFor('room-b');
      expect(b).to.not.equal(a);
      const mimeTypes = a.rtpCapabilities.codecs?.map((c) => c.mimeType) ?? [];
      expect(mimeTypes).to.include.members(['audio/opus', 'video/VP8', 'video/H264']);
      const transport = await sfu.routers.createPeerTransport('room-a', 'peer-1');
      expect(transport.iceCandidates.length).to.be.greaterThan(0);
      await sfu.routers.closeRoom('room-a');
      expect(a.closed).to.equal(true);
    });
  });
});

describe('media: TURN credentials (coturn REST API)', function () {
  this.timeout(20_000);
  const secret = 'turn-secret-for-the-tests';
  const key = createSigningKey();
  const sockets: RoomClient[] = [];

  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });

  async function enter(
    baseUrl: string,
    claims: ReturnType<typeof joinClaims>,
  ): Promise<{ socket: RoomClient; snapshot: RoomSnapshot }> {
    const { sessionToken } = await openSession(baseUrl, signJoinToken(key, claims));
    const socket = await connectSocket(baseUrl, { session: sessionToken });
    sockets.push(socket);
    const reply = await request(socket, 'room:join', {});
    if (!reply.ok) throw new Error(reply.error.message);
    return { socket, snapshot: reply.data };
  }

  function checkCredentials(snapshot: RoomSnapshot, participantId: string): number {
    const relay = snapshot.media!.iceServers.find((s) => s.urls.some((u) => u.startsWith('turn')))!;
    expect(relay.urls).to.deep.equal(['turns:127.0.0.1:5349?transport=tcp', 'turn:127.0.0.1:3478']);
    const [expiry, user] = relay.username!.split(':');
    expect(user).to.equal(participantId);
    expect(relay.credential).to.equal(createHmac('sha1', secret).update(relay.username!).digest('base64'));
    return Number(expiry);
  }

  it('admitted participants get HMAC credentials bounded by their window; waiting ones get none', async () => {
    const video = await startVideoService({
      keys: [key],
      env: {
        TURN_URLS: 'stun:127.0.0.1:3478, turns:127.0.0.1:5349?transport=tcp, turn:127.0.0.1:3478',
        TURN_SECRET: secret,
        TURN_RELAY_ONLY: 'true',
      },
    });
    try {
      const room = 'appt-turn-test';
      const exp = Math.floor(Date.now() / 1000) + 600;
      const clerkClaims = joinClaims({ room, sub: 'clerk-7', role: 'clerk', exp });
      const citizenClaims = joinClaims({ room, sub: 'citizen-1', exp });
      const clerk = await enter(video.baseUrl, clerkClaims);
      expect(clerk.snapshot.media!.iceTransportPolicy).to.equal('relay');
      expect(clerk.snapshot.media!.iceServers[0]).to.deep.equal({ urls: ['stun:127.0.0.1:3478'] });
      const expiry = checkCredentials(clerk.snapshot, 'clerk-7');
      expect(expiry, 'default TTL 6 h, but never past the session window (exp + 2 h)').to.equal(exp + 7200);

      const citizen = await enter(video.baseUrl, citizenClaims);
      expect(citizen.snapshot.media, 'no ICE servers while waiting').to.equal(null);
      const admittedSnapshot = nextEvent(citizen.socket, 'room:snapshot');
      await request(clerk.socket, 'lobby:admit', { participantId: 'citizen-1' });
      const snapshot = await admittedSnapshot;
      expect(snapshot.media!.iceTransportPolicy).to.equal('relay');
      checkCredentials(snapshot, 'citizen-1');
    } finally {
      await video.close();
    }
  });

  it('credentials live TURN_CREDENTIAL_TTL_SECONDS when the window is longer; relay-only needs TURN', async () => {
    const video = await startVideoService({
      keys: [key],
      env: {
        TURN_URLS: 'turns:127.0.0.1:5349?transport=tcp,turn:127.0.0.1:3478',
        TURN_SECRET: secret,
        TURN_CREDENTIAL_TTL_SECONDS: '300',
      },
    });
    try {
      const { snapshot } = await enter(video.baseUrl, joinClaims({ sub: 'clerk-8', role: 'clerk' }));
      expect(checkCredentials(snapshot, 'clerk-8')).to.be.closeTo(Math.floor(Date.now() / 1000) + 300, 3);
      expect(snapshot.media!.iceTransportPolicy, 'TURN_RELAY_ONLY unset').to.equal('all');
    } finally {
      await video.close();
    }
    const stunOnly = await startVideoService({
      keys: [key],
      env: { TURN_URLS: 'stun:127.0.0.1:3478', TURN_RELAY_ONLY: 'true' },
    });
    try {
      const { snapshot } = await enter(stunOnly.baseUrl, joinClaims({ sub: 'clerk-9', role: 'clerk' }));
      expect(snapshot.media).to.deep.equal({
        mode: 'p2p',
        iceServers: [{ urls: ['stun:127.0.0.1:3478'] }],
        iceTransportPolicy: 'all',
        maxParticipants: 4,
      });
    } finally {
      await stunOnly.close();
    }
  });
});
