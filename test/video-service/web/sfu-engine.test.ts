/**
 * The room UI's SFU engine (web/src/media/sfu-engine.ts) as far as it can run without a mediasoup worker: two
 * engines, one per page, with mediasoup-client's own FakeHandler instead of a browser's RTCPeerConnection, talk
 * `sfu:*` through real sockets to a real video service in SFU mode, behind which sits the stand-in SFU (no media
 * flows). What is checked is the engine's side of the flow: transports, producing, consuming every producer of
 * the others and resuming each consumer only once it exists on the page, the camera as simulcast from the start
 * (test/e2e/sfu-media.test.ts: nothing produced again when a third person joins), the simulcast layer a
 * tile's size asks for, a producer that closes, ICE restart, and the picture each page would show.
 */
import { expect } from 'chai';
import { Device } from 'mediasoup-client';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import type { Role } from '../../../video-service/src/contract/join-token.ts';
import { blankPeer } from '../../../video-service/web/src/media/media-links.ts';
import type { Outgoing } from '../../../video-service/web/src/media/local-devices.ts';
import { SfuEngine } from '../../../video-service/web/src/media/sfu-engine.ts';
import type { SfuRequest } from '../../../video-service/web/src/media/sfu-links.ts';
import { initialState, type RoomState } from '../../../video-service/web/src/state.ts';
import { createStore, type Store } from '../../../video-service/web/src/store.ts';
import { createSqliteDatabase } from '../../support/databases.ts';
import { useRoomFixture } from '../room-fixture.ts';
import { standInSfu, type StandInSfu } from '../stand-in-sfu.ts';
import { request, type RoomClient } from '../support.ts';

/** Node has no MediaStream: the engine only bundles a participant's consumer tracks into one for the tile. */
class TrackBundle {
  readonly #tracks: MediaStreamTrack[];
  constructor(tracks: MediaStreamTrack[] = []) {
    this.#tracks = tracks;
  }
  getTracks(): MediaStreamTrack[] {
    return [...this.#tracks];
  }
}

const fakeDevice = (): Device => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });

/** `sfu:*` through the socket, as RoomConnection.request does: the data, or an error naming the code. */
function requester(socket: RoomClient): SfuRequest {
  return (async (event: string, payload: unknown) => {
    const reply = await request(socket, event as never, payload);
    if (!reply.ok) throw new Error(`${event}: ${reply.error.code}`);
    return reply.data;
  }) as SfuRequest;
}

function camera(): Outgoing {
  const audio = new FakeMediaStreamTrack({ kind: 'audio' });
  const video = new FakeMediaStreamTrack({ kind: 'video' });
  return { stream: null, audio, video };
}

/** A page's store that knows the other participants (as the snapshot's `sync` leaves it). */
function pageStore(others: { id: string; role: Role }[]): Store<RoomState> {
  const store = createStore(initialState('de'));
  store.setState({
    peers: Object.fromEntries(others.map(({ id, role }) => [id, blankPeer({ id, role, name: role })])),
  });
  return store;
}

/** One page's engine, fed the notifications SfuLinks would hand it. */
function page(socket: RoomClient, store: Store<RoomState>): SfuEngine {
  const engine = new SfuEngine(store, requester(socket), camera(), fakeDevice);
  socket.on('sfu:newProducer', (producer) => void engine.consume(producer.producerId));
  socket.on('sfu:producerClosed', ({ producerId }) => engine.drop({ producerId }));
  return engine;
}

/** The kinds of the tracks the page would show for `id`. */
function shown(store: Store<RoomState>, id: string): string[] {
  const stream = store.getState().peers[id]?.stream as unknown as TrackBundle | null | undefined;
  return (stream?.getTracks() ?? []).map((track) => track.kind).sort();
}

async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  for (const deadline = Date.now() + ms; !check(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const matching = (calls: string[], pattern: RegExp): string[] => calls.filter((call) => pattern.test(call));

describe('room UI: the SFU engine against the service and a stand-in SFU (mediasoup-client FakeHandler)', function () {
  this.timeout(30_000);
  let sfu: StandInSfu | undefined;
  const f = useRoomFixture(createSqliteDatabase, {
    serviceOptions: { sfu: (listener) => (sfu = standInSfu(listener)) },
  });
  const engines: SfuEngine[] = [];
  let hadMediaStream = true;

  before(() => {
    hadMediaStream = 'MediaStream' in globalThis;
    if (!hadMediaStream) (globalThis as { MediaStream?: unknown }).MediaStream = TrackBundle;
  });
  after(() => {
    if (!hadMediaStream) delete (globalThis as { MediaStream?: unknown }).MediaStream;
  });
  afterEach(() => {
    for (const engine of engines.splice(0)) engine.close();
  });

  async function callOfTwo() {
    const scene = await f.admitted();
    const { clerkId, citizenId } = scene.tokens;
    const clerkStore = pageStore([{ id: citizenId, role: 'citizen' }]);
    const citizenStore = pageStore([{ id: clerkId, role: 'clerk' }]);
    const clerkEngine = page(scene.clerk.socket, clerkStore);
    const citizenEngine = page(scene.citizen.socket, citizenStore);
    engines.push(clerkEngine, citizenEngine);
    await clerkEngine.start();
    await citizenEngine.start();
    await until(
      'both pages to show each other’s microphone and camera, every consumer resumed',
      () =>
        shown(clerkStore, citizenId).length === 2 &&
        shown(citizenStore, clerkId).length === 2 &&
        matching(sfu!.calls, new RegExp(`^resume (${clerkId}|${citizenId}) `)).length === 4,
    );
    return { ...scene, clerkId, citizenId, clerkStore, citizenStore, clerkEngine, citizenEngine };
  }

  it('sends microphone and camera, receives the other’s, and resumes each consumer only once it exists on the page', async () => {
    const { clerkId, citizenId, clerkStore, citizenStore } = await callOfTwo();
    const calls = sfu!.calls;
    expect(shown(clerkStore, citizenId)).to.deep.equal(['audio', 'video']);
    expect(shown(citizenStore, clerkId)).to.deep.equal(['audio', 'video']);
    expect(clerkStore.getState().peers[citizenId]?.connection).to.equal('connected');
    // One send and one receive transport per page, each connected once (DTLS parameters handed over).
    for (const id of [clerkId, citizenId]) {
      expect(matching(calls, new RegExp(`^createTransport ${id} `)).sort()).to.deep.equal([
        `createTransport ${id} recv`,
        `createTransport ${id} send`,
      ]);
      expect(matching(calls, new RegExp(`^connect ${id} `))).to.have.length(2);
      // The camera goes out as simulcast in two layers from the first other participant on (ADR 0195).
      expect(matching(calls, new RegExp(`^produce ${id} `)).sort()).to.deep.equal([
        `produce ${id} audio 1`,
        `produce ${id} video 2`,
      ]);
    }
    // Consumers are made paused by the SFU: each is resumed, and only after the page has it.
    const consumed = matching(calls, new RegExp(`^consume (${clerkId}|${citizenId}) `));
    expect(consumed).to.have.length(4);
    for (const call of consumed) {
      const [, who, consumer] = call.split(' ');
      const resumed = calls.indexOf(`resume ${who} ${consumer}`);
      expect(resumed, `${call} resumed`).to.be.greaterThan(calls.indexOf(call));
    }
  });

  it('asks for the simulcast layer each tile’s size needs, once it has settled and only when it changes', async () => {
    const { clerkId, citizenId, citizenEngine } = await callOfTwo();
    const layerCalls = () => matching(sfu!.calls, new RegExp(`^layers ${citizenId} `));
    // A window being resized: only the last size counts (a 150×112 tile: the half-size layer, 0).
    citizenEngine.viewSize(clerkId, 1200, 900);
    citizenEngine.viewSize(clerkId, 150, 112);
    await until('a layer asked for', () => layerCalls().length > 0);
    expect(layerCalls().map((call) => call.split(' ')[3])).to.deep.equal(['0']);
    // The same layer again asks for nothing; a large tile asks for the top layer, a 300 px one the lower again.
    citizenEngine.viewSize(clerkId, 140, 100);
    citizenEngine.viewSize(clerkId, 1000, 700);
    await until('the top layer', () => layerCalls().length === 2);
    citizenEngine.viewSize(clerkId, 300, 225);
    await until('the lower layer', () => layerCalls().length === 3);
    expect(layerCalls().map((call) => call.split(' ')[3])).to.deep.equal(['0', '1', '0']);
    // Only the video consumer has layers: every call names the same consumer.
    expect(new Set(layerCalls().map((call) => call.split(' ')[2])).size).to.equal(1);
  });

  it('takes the picture off when the other leaves, and restarts ICE on both transports when asked', async () => {
    const { clerkId, citizenId, clerkStore, clerkEngine, citizen } = await callOfTwo();
    clerkEngine.restartIce();
    await until('two ICE restarts', () => matching(sfu!.calls, new RegExp(`^restartIce ${clerkId} `)).length === 2);
    const transports = matching(sfu!.calls, new RegExp(`^restartIce ${clerkId} `)).map((call) => call.split(' ')[2]);
    expect(new Set(transports).size, 'the send and the receive transport').to.equal(2);

    citizen.socket.close();
    await until('the citizen’s tracks to go', () => shown(clerkStore, citizenId).length === 0);
    expect(clerkStore.getState().peers[citizenId]?.stream).to.equal(null);
    expect(await clerkEngine.stats()).to.have.length(2);
    clerkEngine.close();
    expect(await clerkEngine.stats()).to.deep.equal([]);
  });
});
