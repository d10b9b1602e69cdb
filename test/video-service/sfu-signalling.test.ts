/**
 * The SFU's signalling (`sfu:*`). Without a mediasoup worker on this machine the requests run against a
 * stand-in SFU behind the same port, which checks who may do what, payload validation and where the SFU's
 * reports go; peer-to-peer mode refuses them. With a worker, the same flow runs against real mediasoup
 * (capabilities, transports on the WebRtcServer, produce, a PAUSED consumer, resume, ICE restart, producer
 * closed) — those tests are skipped with the reason otherwise.
 */
import { expect } from 'chai';
import type { types } from 'mediasoup';
import { createSqliteDatabase } from '../support/databases.ts';
import { standInSfu } from './stand-in-sfu.ts';
import { nextEvent, participantToken, recordEvents, request, requireWorker, settle, testWorkerBin } from './support.ts';
import { freePort } from '../support/ports.ts';
import { useRoomFixture } from './room-fixture.ts';

const opusParameters = {
  mid: '0',
  codecs: [
    { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] },
  ],
  headerExtensions: [],
  encodings: [{ ssrc: 11111111 }],
  rtcp: { cname: 'test', reducedSize: true },
};

describe('SFU signalling with a stand-in SFU (no worker needed)', function () {
  this.timeout(30_000);
  let sfu: ReturnType<typeof standInSfu> | undefined;
  const f = useRoomFixture(createSqliteDatabase, {
    serviceOptions: { sfu: (listener) => (sfu = standInSfu(listener)) },
  });

  it('admitted participants set up transports, produce, and the others are told and can consume (paused, then resumed)', async () => {
    const { tokens, clerk, citizen, admittedSnapshot } = await f.admitted();
    expect(admittedSnapshot.media).to.include({ mode: 'sfu', maxParticipants: 16 });

    const caps = await request(citizen.socket, 'sfu:capabilities', {});
    expect(caps.ok && caps.data.routerRtpCapabilities.codecs?.[0]?.mimeType).to.equal('audio/opus');
    const send = await request(citizen.socket, 'sfu:createTransport', { direction: 'send' });
    expect(send.ok && send.data).to.include({ iceTransportPolicy: 'all' });
    expect(send.ok && send.data.iceServers).to.deep.equal([]);
    const sendId = send.ok ? send.data.id : '';
    expect(
      (
        await request(citizen.socket, 'sfu:connectTransport', {
          transportId: sendId,
          dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] },
        })
      ).ok,
    ).to.equal(true);

    const announced = nextEvent(clerk.socket, 'sfu:newProducer');
    const produced = await request(citizen.socket, 'sfu:produce', {
      transportId: sendId,
      kind: 'audio',
      rtpParameters: opusParameters,
      source: 'microphone',
    });
    expect(produced.ok).to.equal(true);
    const producer = await announced;
    expect(producer).to.deep.include({ participantId: tokens.citizenId, kind: 'audio', source: 'microphone' });

    const recv = await request(clerk.socket, 'sfu:createTransport', {
      direction: 'recv',
      rtpCapabilities: { codecs: [] },
    });
    const recvId = recv.ok ? recv.data.id : '';
    const listed = await request(clerk.socket, 'sfu:producers', {});
    expect(listed.ok && listed.data.map((p) => p.producerId)).to.deep.equal([producer.producerId]);
    const consumer = await request(clerk.socket, 'sfu:consume', {
      transportId: recvId,
      producerId: producer.producerId,
    });
    expect(consumer.ok && consumer.data).to.include({
      producerId: producer.producerId,
      participantId: tokens.citizenId,
    });
    const consumerId = consumer.ok ? consumer.data.id : '';
    expect((await request(clerk.socket, 'sfu:resumeConsumer', { consumerId })).ok).to.equal(true);
    expect(sfu!.calls).to.include(`resume ${tokens.clerkId} ${consumerId}`);

    const closed = nextEvent(clerk.socket, 'sfu:producerClosed');
    citizen.socket.close();
    expect(await closed, 'a participant who leaves loses their producers').to.deep.equal({
      producerId: producer.producerId,
      participantId: tokens.citizenId,
    });
    expect(sfu!.calls).to.include(`remove ${tokens.citizenId}`);
  });

  it("nobody can touch another participant's transports, producers or consumers", async () => {
    const { clerk, citizen } = await f.admitted();
    const send = await request(citizen.socket, 'sfu:createTransport', { direction: 'send' });
    const sendId = send.ok ? send.data.id : '';
    const produced = await request(citizen.socket, 'sfu:produce', {
      transportId: sendId,
      kind: 'video',
      rtpParameters: opusParameters,
      source: 'camera',
    });
    const producerId = produced.ok ? produced.data.producerId : '';
    const attempts = [
      [
        'sfu:connectTransport',
        { transportId: sendId, dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] } },
      ],
      ['sfu:restartIce', { transportId: sendId }],
      ['sfu:produce', { transportId: sendId, kind: 'audio', rtpParameters: opusParameters, source: 'microphone' }],
      ['sfu:closeProducer', { producerId }],
      ['sfu:pauseProducer', { producerId, paused: true }],
    ] as const;
    for (const [event, payload] of attempts) {
      const reply = await request(clerk.socket, event, payload);
      expect(reply.ok === false && reply.error.code, event).to.equal('not_found');
    }
  });

  it('screen share needs permission; the source must fit the kind; waiting participants get nothing', async () => {
    const { tokens, clerk, citizen } = await f.admitted();
    const send = await request(citizen.socket, 'sfu:createTransport', { direction: 'send' });
    const transportId = send.ok ? send.data.id : '';
    const screen = await request(citizen.socket, 'sfu:produce', {
      transportId,
      kind: 'video',
      rtpParameters: opusParameters,
      source: 'screen',
    });
    expect(screen.ok === false && screen.error.code).to.equal('forbidden');
    const mismatch = await request(citizen.socket, 'sfu:produce', {
      transportId,
      kind: 'video',
      rtpParameters: opusParameters,
      source: 'microphone',
    });
    expect(mismatch.ok === false && mismatch.error.code).to.equal('invalid_state');
    await request(clerk.socket, 'screen:permission', { participantId: tokens.citizenId, allowed: true });
    expect(
      (
        await request(citizen.socket, 'sfu:produce', {
          transportId,
          kind: 'video',
          rtpParameters: opusParameters,
          source: 'screen',
        })
      ).ok,
    ).to.equal(true);

    const guest = await f.connectWith(participantToken(f.key, tokens.room, 'guest', `guest-${tokens.room}`));
    const guestEvents = recordEvents(guest.socket);
    await f.join(guest.socket);
    for (const event of ['sfu:capabilities', 'sfu:producers'] as const) {
      const reply = await request(guest.socket, event, {});
      expect(reply.ok === false && reply.error.code, event).to.equal('forbidden');
    }
    await request(citizen.socket, 'sfu:produce', {
      transportId,
      kind: 'audio',
      rtpParameters: opusParameters,
      source: 'microphone',
    });
    await settle();
    expect(guestEvents.filter((e) => e.event.startsWith('sfu:'))).to.deep.equal([]);
  });

  it('payloads are validated before the SFU sees them', async () => {
    const { clerk } = await f.admitted();
    const garbage = [
      ['sfu:createTransport', { direction: 'sideways' }],
      ['sfu:connectTransport', { transportId: 't', dtlsParameters: { fingerprints: [] } }],
      [
        'sfu:connectTransport',
        { transportId: 't', dtlsParameters: { fingerprints: [{ algorithm: 'md5', value: 'x' }] } },
      ],
      ['sfu:produce', { transportId: 't', kind: 'data', rtpParameters: opusParameters, source: 'camera' }],
      ['sfu:produce', { transportId: 't', kind: 'audio', rtpParameters: { codecs: 'x' }, source: 'microphone' }],
      ['sfu:consume', { transportId: 't' }],
      ['sfu:setPreferredLayers', { consumerId: 'c', spatialLayer: 9 }],
      ['sfu:pauseProducer', { producerId: 'p', paused: 'yes' }],
    ] as const;
    for (const [event, payload] of garbage) {
      const reply = await request(clerk.socket, event, payload);
      expect(reply.ok === false && reply.error.code, event).to.equal('invalid_input');
    }
  });
});

describe('SFU signalling in peer-to-peer mode', function () {
  this.timeout(20_000);
  const f = useRoomFixture(createSqliteDatabase);

  it('every sfu:* request is invalid_state (there is no SFU)', async () => {
    const { clerk } = await f.admitted();
    const reply = await request(clerk.socket, 'sfu:capabilities', {});
    expect(reply.ok === false && reply.error.code).to.equal('invalid_state');
    const transport = await request(clerk.socket, 'sfu:createTransport', { direction: 'send' });
    expect(transport.ok === false && transport.error.code).to.equal('invalid_state');
  });
});

describe('SFU signalling against real mediasoup (needs a worker)', function () {
  this.timeout(30_000);
  let mediaPort = 0;
  before(async function () {
    await requireWorker(this);
    mediaPort = await freePort();
  });
  const f = useRoomFixture(createSqliteDatabase, {
    env: () => ({
      MEDIA_MODE: 'sfu',
      MEDIASOUP_WORKER_BIN: testWorkerBin() ?? '',
      MEDIASOUP_WORKERS: '1',
      MEDIASOUP_LISTEN_IP: '127.0.0.1',
      MEDIASOUP_PORT: String(mediaPort),
    }),
  });

  it('transports on the WebRtcServer, produce, a paused consumer, resume, ICE restart, producer closed', async () => {
    const { tokens, clerk, citizen, admittedSnapshot } = await f.admitted();
    expect(admittedSnapshot.media?.mode).to.equal('sfu');
    const caps = await request(clerk.socket, 'sfu:capabilities', {});
    if (!caps.ok) throw new Error(caps.error.message);
    const routerCaps: types.RtpCapabilities = caps.data.routerRtpCapabilities;
    expect(routerCaps.codecs?.map((c) => c.mimeType)).to.include.members(['audio/opus', 'video/VP8']);

    const send = await request(citizen.socket, 'sfu:createTransport', { direction: 'send' });
    if (!send.ok) throw new Error(send.error.message);
    expect(send.data.iceCandidates.length).to.be.greaterThan(0);
    const produced = await request(citizen.socket, 'sfu:produce', {
      transportId: send.data.id,
      kind: 'audio',
      rtpParameters: opusParameters,
      source: 'microphone',
    });
    if (!produced.ok) throw new Error(produced.error.message);

    const recv = await request(clerk.socket, 'sfu:createTransport', { direction: 'recv', rtpCapabilities: routerCaps });
    if (!recv.ok) throw new Error(recv.error.message);
    const consumer = await request(clerk.socket, 'sfu:consume', {
      transportId: recv.data.id,
      producerId: produced.data.producerId,
    });
    if (!consumer.ok) throw new Error(consumer.error.message);
    expect(consumer.data).to.include({ kind: 'audio', participantId: tokens.citizenId, type: 'simple' });
    expect((await request(clerk.socket, 'sfu:resumeConsumer', { consumerId: consumer.data.id })).ok).to.equal(true);

    const restarted = await request(clerk.socket, 'sfu:restartIce', { transportId: recv.data.id });
    expect(restarted.ok && restarted.data.iceParameters.usernameFragment)
      .to.be.a('string')
      .and.not.equal(recv.data.iceParameters.usernameFragment);

    const consumerClosed = nextEvent(clerk.socket, 'sfu:consumerClosed');
    const producerClosed = nextEvent(clerk.socket, 'sfu:producerClosed');
    expect((await request(citizen.socket, 'sfu:closeProducer', { producerId: produced.data.producerId })).ok).to.equal(
      true,
    );
    expect(await consumerClosed).to.deep.equal({ consumerId: consumer.data.id });
    expect((await producerClosed).producerId).to.equal(produced.data.producerId);
  });
});
