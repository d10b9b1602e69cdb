/**
 * SFU capacity on this machine: rooms of two participants, each sending 640×480 VP8 video (~1 Mbit/s, 30 fps)
 * and Opus audio as generated RTP (ffmpeg encodes once, test/bench/sfu/rtp-source.ts replays), into ONE
 * mediasoup worker; each participant consumes the other's two streams. Rooms are added step by step until the
 * worker's CPU nears a full core, the loss seen by the receiver exceeds 1 %, or the machine itself is saturated.
 *
 * What is ours: the worker comes from the video service's SfuWorkerPool and each room's router from its
 * RoomRouters (so ROOM_MEDIA_CODECS and the worker settings the service uses). The transports are mediasoup
 * PlainTransports on those routers (producers: comedia, consumers: connected to a counting UDP socket) instead
 * of the service's WebRtcTransports — forwarding inside the worker is the same, without DTLS/SRTP (which costs
 * a browser-facing transport a little more per packet; the figures are an upper bound for real calls).
 *
 * Measured per step over a 5 s window after 2 s to settle: the worker's CPU (`getResourceUsage()`), this
 * process's (replay and counting), the machine's (/proc/stat), packets forwarded, and loss from RTP sequence
 * gaps (test/bench/sfu/rtp-counter.ts). mediasoup's guidance is ~500 consumers per worker core.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { types } from 'mediasoup';
import { createRootLogger } from '../../video-service/src/log.ts';
import { RoomRouters, SfuWorkerPool } from '../../video-service/src/media/sfu/index.ts';
import { freePort } from '../support/ports.ts';
import { testWorkerBin, workerProblem } from '../video-service/support.ts';
import { AUDIO_PT, captureStreams, ffmpegProblem, startReplay, VIDEO_PT, type Capture } from './sfu/rtp-source.ts';
import { between, startCounter } from './sfu/rtp-counter.ts';
import type { BenchResult } from './types.ts';

const STEPS = [10, 25, 50, 75, 100, 125, 150, 200, 250, 300, 400];
const SETTLE_MS = 2000;
const WINDOW_MS = 5000;
const MAX_LOSS = 0.01;
/** A worker is one thread: at this share of a core it is saturated. */
const WORKER_SATURATED = 0.9;
/** Machine busy share (all cores) at which the figures say more about the neighbours than about the SFU. */
const MACHINE_SATURATED = 0.95;
const MEDIASOUP_GUIDANCE = 500;

interface Step {
  rooms: number;
  consumers: number;
  loss: number;
  silent: number;
  workerCpu: number;
  ownCpu: number;
  machineBusy: number;
  forwardedPerSecond: number;
  load: number;
}

export default async function sfuCapacity(): Promise<BenchResult[]> {
  const skip = ffmpegProblem() ?? (await workerProblem());
  if (skip) {
    console.log(`sfu-capacity skipped: ${skip}`);
    return [{ name: 'SFU capacity', value: Number.NaN, unit: '', notes: `skipped: ${skip}` }];
  }
  const { video, audio } = await captureStreams();
  console.log(`captured ${video.packets.length} video and ${audio.packets.length} audio packets`);
  const pool = await SfuWorkerPool.create({
    workers: 1,
    workerBin: testWorkerBin(),
    listenIp: '127.0.0.1',
    announcedAddress: undefined,
    port: await freePort(),
    restartLimit: 0,
    restartWindowMs: 60_000,
    log: createRootLogger('warn'),
  });
  const routers = new RoomRouters(pool);
  const worker = pool.workers[0]!.worker;
  const counter = await startCounter();
  const replay = await startReplay();
  const steps: Step[] = [];
  let stopReason = `the last step (${STEPS.at(-1)} rooms) was reached`;
  try {
    let rooms = 0;
    for (const target of STEPS) {
      for (; rooms < target; rooms += 1)
        await openRoom(routers, `bench-${rooms}`, { video, audio }, replay, counter.port);
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      const step = await measure(worker, counter, rooms);
      steps.push(step);
      console.log(
        `${rooms} rooms, ${step.consumers} consumers: loss ${(step.loss * 100).toFixed(2)} %, ${step.silent} silent, worker ${pct(step.workerCpu)} of a core, this process ${pct(step.ownCpu)}, machine ${pct(step.machineBusy)} busy, ${step.forwardedPerSecond.toFixed(0)} packets/s forwarded, send errors ${replay.sendErrors()}`,
      );
      if (step.loss > MAX_LOSS || step.silent > 0) {
        stopReason = `loss above 1 %${step.silent ? ` (${step.silent} streams silent)` : ''} at ${rooms} rooms, the machine ${pct(step.machineBusy)} busy`;
        break;
      }
      if (step.workerCpu >= WORKER_SATURATED) {
        stopReason = `the worker reached ${pct(step.workerCpu)} of a core at ${rooms} rooms`;
        break;
      }
      if (step.machineBusy >= MACHINE_SATURATED || step.ownCpu >= WORKER_SATURATED) {
        stopReason = `the machine (or this load generator) saturated first at ${rooms} rooms`;
        break;
      }
    }
  } finally {
    await replay.stop();
    await counter.stop();
    pool.close();
  }
  return results(steps, stopReason);
}

/** Two participants: each sends video + audio into a comedia PlainTransport and receives the other's two. */
async function openRoom(
  routers: RoomRouters,
  room: string,
  captures: { video: Capture; audio: Capture },
  replay: Awaited<ReturnType<typeof startReplay>>,
  counterPort: number,
): Promise<void> {
  const router = await routers.routerFor(room);
  const producers: types.Producer[][] = [];
  for (let who = 0; who < 2; who += 1) {
    const send = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: true,
    });
    const [videoSsrc, audioSsrc] = [randomSsrc(), randomSsrc()];
    producers.push([
      await send.produce({
        kind: 'video',
        rtpParameters: {
          codecs: [
            {
              mimeType: 'video/VP8',
              payloadType: VIDEO_PT,
              clockRate: 90000,
              rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
            },
          ],
          encodings: [{ ssrc: videoSsrc }],
        },
      }),
      await send.produce({
        kind: 'audio',
        rtpParameters: {
          codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48000, channels: 2 }],
          encodings: [{ ssrc: audioSsrc }],
        },
      }),
    ]);
    replay.add({ capture: captures.video, ssrc: videoSsrc, port: send.tuple.localPort });
    replay.add({ capture: captures.audio, ssrc: audioSsrc, port: send.tuple.localPort });
  }
  for (let who = 0; who < 2; who += 1) {
    const recv = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: false,
    });
    await recv.connect({ ip: '127.0.0.1', port: counterPort });
    for (const producer of producers[1 - who]!)
      await recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
  }
}

async function measure(
  worker: types.Worker,
  counter: Awaited<ReturnType<typeof startCounter>>,
  rooms: number,
): Promise<Step> {
  const [usage0, own0, machine0, counts0] = [
    await worker.getResourceUsage(),
    process.cpuUsage(),
    machineTimes(),
    counter.snapshot(),
  ];
  await new Promise((r) => setTimeout(r, WINDOW_MS));
  const [usage1, own1, machine1, counts1] = [
    await worker.getResourceUsage(),
    process.cpuUsage(),
    machineTimes(),
    counter.snapshot(),
  ];
  const window = between(counts0, counts1);
  const wallMs = window.seconds * 1000;
  const workerMs = usage1.ru_utime + usage1.ru_stime - usage0.ru_utime - usage0.ru_stime;
  const ownMs = (own1.user + own1.system - own0.user - own0.system) / 1000;
  return {
    rooms,
    consumers: window.streams,
    loss: window.loss,
    silent: window.silent,
    workerCpu: workerMs / wallMs,
    ownCpu: ownMs / wallMs,
    machineBusy: 1 - (machine1.idle - machine0.idle) / (machine1.total - machine0.total),
    forwardedPerSecond: window.received / window.seconds,
    load: loadavg()[0]!,
  };
}

/** Jiffies of all cores from /proc/stat: total and idle (idle + iowait). */
function machineTimes(): { total: number; idle: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { total: fields.reduce((a, b) => a + b, 0), idle: fields[3]! + fields[4]! };
}

function results(steps: Step[], stopReason: string): BenchResult[] {
  const ok = steps.filter((s) => s.loss <= MAX_LOSS && s.silent === 0);
  const best = ok.at(-1);
  const rows: BenchResult[] = steps.map((s) => ({
    name: `${s.rooms} rooms × 2 participants (${s.consumers} consumers): loss`,
    value: s.loss * 100,
    unit: '%',
    notes: `worker ${pct(s.workerCpu)} of a core, ${s.forwardedPerSecond.toFixed(0)} packets/s forwarded; load generator ${pct(s.ownCpu)}; machine ${pct(s.machineBusy)} busy, load average ${s.load.toFixed(1)} on ${cpus().length} cores`,
  }));
  if (!best)
    return [
      ...rows,
      { name: 'SFU capacity', value: Number.NaN, unit: '', notes: `no step under 1 % loss; ${stopReason}` },
    ];
  const perConsumer = best.workerCpu / best.consumers;
  const perCore = best.consumers / best.workerCpu;
  return [
    ...rows,
    {
      name: 'consumers on one worker at ≤ 1 % loss (highest step measured)',
      value: best.consumers,
      unit: 'consumers',
      notes: `${best.rooms} rooms; worker ${pct(best.workerCpu)} of a core; stopped because ${stopReason}`,
    },
    {
      name: 'worker CPU per forwarded stream',
      value: perConsumer * 100,
      unit: '% of a core',
      notes: `at ${best.consumers} consumers (${(best.forwardedPerSecond / best.consumers) | 0} packets/s each: 640×480 VP8 ~1 Mbit/s or Opus 32 kbit/s, half each)`,
    },
    {
      name: 'consumers per worker core (from that CPU share)',
      value: perCore,
      unit: 'consumers',
      target: `mediasoup's guidance ~${MEDIASOUP_GUIDANCE}`,
      notes: `${best.consumers} ÷ ${best.workerCpu.toFixed(2)} core; PlainTransports without SRTP, so real WebRTC calls cost somewhat more`,
    },
  ];
}

function pct(share: number): string {
  return `${(share * 100).toFixed(0)} %`;
}

function randomSsrc(): number {
  return 1 + Math.floor(Math.random() * 0xfffffffe);
}
