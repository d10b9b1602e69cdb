/**
 * A mocha fixture for room tests: a video service on the given database (started in `before`, closed in
 * `after`), a signing key, and helpers that connect clerks and citizens. Sockets opened through it are
 * closed after each test. `fixture.video` may be replaced by `fixture.video.restart()`.
 */
import { expect } from 'chai';
import type { TestDatabase } from '../support/databases.ts';
import type { RoomSnapshot } from '../../video-service/src/contract/signalling.ts';
import {
  connectSocket,
  createSigningKey,
  nextEvent,
  openSession,
  recordEvents,
  request,
  roomTokens,
  startVideoService,
  type RoomClient,
  type SigningKey,
  type StartedVideoService,
  type StartVideoServiceOptions,
} from './support.ts';

export interface Connected {
  socket: RoomClient;
  sessionToken: string;
}

export interface RoomFixture {
  video: StartedVideoService;
  key: SigningKey;
  /** Closed after each test; push sockets opened by hand. */
  sockets: RoomClient[];
  /** Opens a session for the token and connects (does not join yet). */
  connectWith(token: string): Promise<Connected>;
  /** `room:join`; throws when refused. */
  join(socket: RoomClient): Promise<RoomSnapshot>;
  /** A clerk in a fresh room and a citizen waiting in its lobby. */
  clerkAndWaitingCitizen(): Promise<WaitingScene>;
  /** The same, after the clerk admitted the citizen. */
  admitted(): Promise<AdmittedScene>;
}

export interface WaitingScene {
  tokens: ReturnType<typeof roomTokens>;
  clerk: Connected;
  citizen: Connected;
  clerkSnapshot: RoomSnapshot;
  citizenSnapshot: RoomSnapshot;
  citizenEvents: ReturnType<typeof recordEvents>;
  lobby: Awaited<ReturnType<typeof nextEvent<'lobby:changed'>>>;
}

export interface AdmittedScene extends WaitingScene {
  admittedSnapshot: RoomSnapshot;
  peer: Awaited<ReturnType<typeof nextEvent<'peer:joined'>>>;
}

export interface RoomFixtureOptions {
  /** More environment variables for the video service (a function is called when the service starts). */
  env?: Record<string, string> | (() => Record<string, string>);
  serviceOptions?: StartVideoServiceOptions['serviceOptions'];
}

export function useRoomFixture(
  createDatabase: () => Promise<TestDatabase>,
  options: RoomFixtureOptions = {},
): RoomFixture {
  let database: TestDatabase | undefined;
  const fixture: RoomFixture = {
    video: undefined as unknown as StartedVideoService,
    key: createSigningKey(),
    sockets: [],
    async connectWith(token) {
      const { sessionToken } = await openSession(fixture.video.baseUrl, token);
      const socket = await connectSocket(fixture.video.baseUrl, { session: sessionToken });
      fixture.sockets.push(socket);
      return { socket, sessionToken };
    },
    async join(socket) {
      const reply = await request(socket, 'room:join', {});
      if (!reply.ok) throw new Error(`room:join failed: ${reply.error.code} ${reply.error.message}`);
      return reply.data;
    },
    async clerkAndWaitingCitizen() {
      const tokens = roomTokens(fixture.key);
      const clerk = await fixture.connectWith(tokens.clerk);
      const clerkSnapshot = await fixture.join(clerk.socket);
      const citizen = await fixture.connectWith(tokens.citizen);
      const citizenEvents = recordEvents(citizen.socket);
      const lobbyChanged = nextEvent(clerk.socket, 'lobby:changed');
      const citizenSnapshot = await fixture.join(citizen.socket);
      const lobby = await lobbyChanged;
      return { tokens, clerk, citizen, clerkSnapshot, citizenSnapshot, citizenEvents, lobby };
    },
    async admitted() {
      const scene = await fixture.clerkAndWaitingCitizen();
      const citizenAdmitted = nextEvent(scene.citizen.socket, 'room:snapshot');
      const peerJoined = nextEvent(scene.clerk.socket, 'peer:joined');
      const reply = await request(scene.clerk.socket, 'lobby:admit', { participantId: scene.tokens.citizenId });
      expect(reply).to.deep.equal({ ok: true, data: null });
      return { ...scene, admittedSnapshot: await citizenAdmitted, peer: await peerJoined };
    },
  };

  before(async () => {
    database = await createDatabase();
    fixture.video = await startVideoService({
      keys: [fixture.key],
      databaseUrl: database.url,
      env: { LOBBY_GRACE_SECONDS: '1', ...(typeof options.env === 'function' ? options.env() : options.env) },
      ...(options.serviceOptions ? { serviceOptions: options.serviceOptions } : {}),
    });
  });

  afterEach(() => {
    for (const s of fixture.sockets.splice(0)) s.close();
  });

  after(async () => {
    await fixture.video?.close();
    await database?.drop();
  });

  return fixture;
}
