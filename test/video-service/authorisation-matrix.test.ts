/**
 * The authorisation matrix: every socket request × every kind of caller (a clerk, a clerk who has not
 * joined yet, a citizen and a guest each waiting or admitted, a clerk of another room), each in a fresh
 * room, asserting exactly who may do what. Requests by the clerk of another room must leave this room
 * untouched (nobody in it receives anything). Peer-to-peer mode for every request; the SFU requests again
 * with a stand-in SFU.
 */
import { expect } from 'chai';
import { createSqliteDatabase } from '../support/databases.ts';
import type { ClientToServerEvents } from '../../video-service/src/contract/signalling.ts';
import type { CaseworkClientToServerEvents } from '../../video-service/src/contract/casework.ts';
import { HANDLERS } from '../../video-service/src/signalling/handlers/index.ts';
import { CASEWORK_HANDLERS } from '../../video-service/src/signalling/handlers/casework/index.ts';
import type { SfuPort } from '../../video-service/src/rooms/ports.ts';
import { NotFound } from '../../video-service/src/errors.ts';
import { participantToken, recordEvents, request, roomTokens, settle, type RoomClient } from './support.ts';
import { useRoomFixture, type RoomFixture } from './room-fixture.ts';

/** Every cell opens seven sessions from one IP: lift the per-IP limit of the session exchange. */
const MANY_SESSIONS = { SESSION_RATE_LIMIT_PER_MINUTE: '100000' };

const ACTORS = [
  'clerk',
  'clerkNotJoined',
  'citizenAdmitted',
  'citizenWaiting',
  'guestAdmitted',
  'guestWaiting',
  'foreignClerk',
] as const;
type Actor = (typeof ACTORS)[number];
type Outcome = 'ok' | 'forbidden' | 'not_found' | 'invalid_state';
type Row = Record<Actor, Outcome>;

interface Scene {
  ids: Record<Exclude<Actor, 'foreignClerk'>, string>;
  sockets: Record<Actor, RoomClient>;
}

/** A fresh room: a joined clerk, a second clerk connected but not joined, two admitted and two waiting, and a clerk of another room. */
async function scene(f: RoomFixture): Promise<Scene> {
  const tokens = roomTokens(f.key);
  const room = tokens.room;
  const ids = {
    clerk: tokens.clerkId,
    clerkNotJoined: `clerk2-${room}`,
    citizenAdmitted: tokens.citizenId,
    citizenWaiting: `citizen2-${room}`,
    guestAdmitted: `guest-${room}`,
    guestWaiting: `guest2-${room}`,
  };
  const clerk = (await f.connectWith(tokens.clerk)).socket;
  await f.join(clerk);
  const enter = async (token: string) => {
    const { socket } = await f.connectWith(token);
    await f.join(socket);
    return socket;
  };
  const citizenAdmitted = await enter(tokens.citizen);
  const guestAdmitted = await enter(participantToken(f.key, room, 'guest', ids.guestAdmitted));
  for (const id of [ids.citizenAdmitted, ids.guestAdmitted]) {
    const reply = await request(clerk, 'lobby:admit', { participantId: id });
    if (!reply.ok) throw new Error(`admit failed: ${reply.error.message}`);
  }
  const citizenWaiting = await enter(participantToken(f.key, room, 'citizen', ids.citizenWaiting));
  const guestWaiting = await enter(participantToken(f.key, room, 'guest', ids.guestWaiting));
  const clerkNotJoined = (await f.connectWith(participantToken(f.key, room, 'clerk', ids.clerkNotJoined))).socket;
  const foreignClerk = (await f.connectWith(roomTokens(f.key).clerk)).socket;
  await f.join(foreignClerk);
  return {
    ids,
    sockets: { clerk, clerkNotJoined, citizenAdmitted, citizenWaiting, guestAdmitted, guestWaiting, foreignClerk },
  };
}

/** A valid payload for `event` sent by `actor` (targets chosen so that only authorisation decides). */
function payloadFor(event: keyof ClientToServerEvents, actor: Actor, ids: Scene['ids']): unknown {
  const peer = actor === 'clerk' ? ids.citizenAdmitted : ids.clerk;
  const payloads: Partial<Record<keyof ClientToServerEvents, unknown>> = {
    'lobby:admit': { participantId: ids.citizenWaiting },
    'lobby:reject': { participantId: ids.guestWaiting, message: 'Heute leider nicht.' },
    'lobby:return': { participantId: ids.citizenAdmitted },
    'lobby:message': { participantId: ids.citizenWaiting, text: 'Einen Moment bitte.' },
    'lobby:network': { network: 'warn' },
    'lobby:estimate': { participantId: ids.guestWaiting, minutes: 10 },
    'signal:description': { to: peer, description: { type: 'offer', sdp: 'v=0\r\n' } },
    'signal:candidate': { to: peer, candidate: null },
    'media:state': { audio: true, video: true },
    'screen:permission': { participantId: ids.citizenAdmitted, allowed: true },
    'quality:report': { level: 'good', rttMs: 40 },
    'chat:send': { text: 'Hallo' },
    'sfu:createTransport': { direction: 'send' },
    'sfu:connectTransport': {
      transportId: 'no-such',
      dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] },
    },
    'sfu:restartIce': { transportId: 'no-such' },
    'sfu:produce': { transportId: 'no-such', kind: 'audio', rtpParameters: { codecs: [] }, source: 'microphone' },
    'sfu:pauseProducer': { producerId: 'no-such', paused: true },
    'sfu:closeProducer': { producerId: 'no-such' },
    'sfu:consume': { transportId: 'no-such', producerId: 'no-such' },
    'sfu:resumeConsumer': { consumerId: 'no-such' },
    'sfu:setPreferredLayers': { consumerId: 'no-such', spatialLayer: 0 },
  };
  return payloads[event] ?? {};
}

const row = (
  clerk: Outcome,
  clerkNotJoined: Outcome,
  admitted: Outcome,
  waiting: Outcome,
  foreignClerk: Outcome,
): Row => ({
  clerk,
  clerkNotJoined,
  citizenAdmitted: admitted,
  citizenWaiting: waiting,
  guestAdmitted: admitted,
  guestWaiting: waiting,
  foreignClerk,
});

/** Requests a clerk may send for others: forbidden for everyone else; the foreign clerk finds nobody. */
const clerkOnly = row('ok', 'invalid_state', 'forbidden', 'forbidden', 'not_found');
/** Requests of the call: admitted participants only; the foreign clerk acts in its own room. */
const inCall = (foreign: Outcome): Row => row('ok', 'forbidden', 'ok', 'forbidden', foreign);

/** SFU requests in peer-to-peer mode: there is no SFU (`invalid_state`) for anyone who may ask at all. */
const noSfu = row('invalid_state', 'forbidden', 'invalid_state', 'forbidden', 'invalid_state');

/** Peer-to-peer mode: the expected outcome of every request for every caller. */
/** The room's own requests; the casework requests (issue 5) have their own matrix in the casework suite. */
type RoomRequest = Exclude<keyof ClientToServerEvents, keyof CaseworkClientToServerEvents>;

const P2P_MATRIX: Record<RoomRequest, Row> = {
  'room:join': row('ok', 'ok', 'ok', 'ok', 'ok'),
  'room:leave': row('ok', 'ok', 'ok', 'ok', 'ok'),
  'room:end': row('ok', 'invalid_state', 'forbidden', 'forbidden', 'ok'),
  'lobby:admit': clerkOnly,
  'lobby:reject': clerkOnly,
  'lobby:return': clerkOnly,
  'lobby:message': clerkOnly,
  'lobby:estimate': clerkOnly,
  /** A waiting person's own connectivity check: clerks never wait; admitted people are past the lobby. */
  'lobby:network': row('forbidden', 'forbidden', 'invalid_state', 'ok', 'forbidden'),
  'signal:description': inCall('forbidden'),
  'signal:candidate': inCall('forbidden'),
  'media:state': inCall('ok'),
  /** The connectivity check's credentials: every usable session, joined or not, waiting or admitted. */
  'media:probe': row('ok', 'ok', 'ok', 'ok', 'ok'),
  'screen:permission': clerkOnly,
  'quality:report': inCall('ok'),
  'chat:send': inCall('ok'),
  'sfu:capabilities': noSfu,
  'sfu:createTransport': noSfu,
  'sfu:connectTransport': noSfu,
  'sfu:restartIce': noSfu,
  'sfu:produce': noSfu,
  'sfu:pauseProducer': noSfu,
  'sfu:closeProducer': noSfu,
  'sfu:producers': noSfu,
  'sfu:consume': noSfu,
  'sfu:resumeConsumer': noSfu,
  'sfu:setPreferredLayers': noSfu,
};

/** With an SFU, made-up transport/producer/consumer ids belong to nobody: `not_found`, even in the caller's own room. */
const notYours = row('not_found', 'forbidden', 'not_found', 'forbidden', 'not_found');

const SFU_MATRIX: Partial<Record<keyof ClientToServerEvents, Row>> = {
  'sfu:capabilities': inCall('ok'),
  'sfu:createTransport': inCall('ok'),
  'sfu:producers': inCall('ok'),
  'sfu:connectTransport': notYours,
  'sfu:restartIce': notYours,
  'sfu:produce': notYours,
  'sfu:pauseProducer': notYours,
  'sfu:closeProducer': notYours,
  'sfu:consume': notYours,
  'sfu:resumeConsumer': notYours,
  'sfu:setPreferredLayers': notYours,
};

/** Emits every request of `matrix` from every caller, each in a fresh room, and compares with the expected outcome. */
async function runMatrix(f: RoomFixture, matrix: Partial<Record<keyof ClientToServerEvents, Row>>): Promise<void> {
  const mismatches: string[] = [];
  let cells = 0;
  for (const [event, expected] of Object.entries(matrix) as Array<[keyof ClientToServerEvents, Row]>) {
    for (const actor of ACTORS) {
      const s = await scene(f);
      const others = (Object.keys(s.sockets) as Actor[]).filter((a) => a !== 'foreignClerk');
      const seen = others.map((a) => ({ actor: a, events: recordEvents(s.sockets[a]) }));
      const reply = await request(s.sockets[actor], event, payloadFor(event, actor, s.ids));
      const outcome = reply.ok ? 'ok' : reply.error.code;
      cells += 1;
      if (outcome !== expected[actor])
        mismatches.push(
          `${event} by ${actor}: expected ${expected[actor]}, got ${outcome}${reply.ok ? '' : ` (${reply.error.message})`}`,
        );
      if (actor === 'foreignClerk') {
        await settle(100);
        const leaked = seen
          .filter((x) => x.events.length > 0)
          .map((x) => `${x.actor} got ${x.events.map((e) => e.event).join(',')}`);
        if (leaked.length > 0) mismatches.push(`${event} by foreignClerk reached this room: ${leaked.join('; ')}`);
      }
      for (const socket of f.sockets.splice(0)) socket.close();
    }
  }
  expect(cells).to.equal(Object.keys(matrix).length * ACTORS.length);
  expect(mismatches, `${mismatches.length} of ${cells} cells differ`).to.deep.equal([]);
}

describe('authorisation matrix: every request × every caller (peer-to-peer)', function () {
  this.timeout(180_000);
  const f = useRoomFixture(createSqliteDatabase, { env: MANY_SESSIONS });

  it('lists every request the server handles (casework requests are checked by the casework suite)', () => {
    const casework = new Set(Object.keys(CASEWORK_HANDLERS));
    const missing = Object.keys(HANDLERS).filter((event) => !(event in P2P_MATRIX) && !casework.has(event));
    expect(missing).to.deep.equal([]);
  });

  it(`covers every room request (${Object.keys(P2P_MATRIX).length} requests × ${ACTORS.length} callers)`, async () => {
    await runMatrix(f, P2P_MATRIX);
  });
});

describe('authorisation matrix: the SFU requests × every caller (stand-in SFU)', function () {
  this.timeout(120_000);
  const missing = (): never => {
    throw new NotFound('No such object of yours.');
  };
  const sfu: SfuPort = {
    capabilities: async () => ({ codecs: [], headerExtensions: [] }),
    createTransport: async () => ({
      id: 't',
      iceParameters: { usernameFragment: 'u', password: 'p' },
      iceCandidates: [],
      dtlsParameters: { fingerprints: [] },
    }),
    connectTransport: async () => missing(),
    restartIce: async () => missing(),
    produce: async () => missing(),
    pauseProducer: async () => missing(),
    closeProducer: () => missing(),
    producers: () => [],
    consume: async () => missing(),
    resumeConsumer: async () => missing(),
    setPreferredLayers: async () => missing(),
    removeParticipant: () => undefined,
    closeRoom: () => undefined,
    close: () => undefined,
  };
  const f = useRoomFixture(createSqliteDatabase, { env: MANY_SESSIONS, serviceOptions: { sfu: () => sfu } });

  it(`covers every SFU request (${Object.keys(SFU_MATRIX).length} requests × ${ACTORS.length} callers)`, async () => {
    await runMatrix(f, SFU_MATRIX);
  });
});
