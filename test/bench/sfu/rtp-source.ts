/**
 * Generated RTP for SFU benchmarks: Debian's ffmpeg encodes a few seconds of 640×480 test pattern (VP8, 30 fps,
 * ~1 Mbit/s, a key frame every second) and a tone (Opus, 20 ms frames) once; the packets are captured here and
 * then replayed, in a loop and on their RTP timestamps' schedule, as any number of independent streams — each
 * with its own SSRC, sequence numbers and timestamps continuing across loops. Encoding once keeps ffmpeg's CPU
 * out of the measurement: what saturates is the SFU, not the encoder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

export const VIDEO_PT = 101;
export const AUDIO_PT = 100;
const CAPTURE_SECONDS = 5;

export interface Capture {
  /** The captured packets (sequence number, timestamp and SSRC are rewritten at send time) with their send offset from the loop start (ms). */
  packets: { at: number; bytes: Buffer }[];
  /** Loop length in ms and in RTP clock ticks. */
  loopMs: number;
  loopTicks: number;
}

/** Why ffmpeg cannot produce the streams here (undefined when it can). */
export function ffmpegProblem(): string | undefined {
  const probe = spawnSync('ffmpeg', ['-hide_banner', '-encoders'], { encoding: 'utf8' });
  if (probe.error) return 'ffmpeg missing (apt-get install ffmpeg)';
  if (!/libvpx/.test(probe.stdout) || !/libopus/.test(probe.stdout)) return 'ffmpeg has no libvpx or libopus encoder';
  return undefined;
}

/** Encodes and captures one video and one audio stream (takes CAPTURE_SECONDS, ffmpeg runs in real time). */
export async function captureStreams(): Promise<{ video: Capture; audio: Capture }> {
  const video = await listen();
  const audio = await listen();
  const got = { video: [] as { t: number; bytes: Buffer }[], audio: [] as { t: number; bytes: Buffer }[] };
  video.on('message', (bytes) => got.video.push({ t: bytes.readUInt32BE(4), bytes }));
  audio.on('message', (bytes) => got.audio.push({ t: bytes.readUInt32BE(4), bytes }));
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-re'],
    // -t before each input: as an output option it would end the first output only, and the tone never ends.
    ...['-t', String(CAPTURE_SECONDS), '-f', 'lavfi', '-i', 'testsrc2=size=640x480:rate=30'],
    ...['-t', String(CAPTURE_SECONDS), '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
    ...['-map', '0:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1M', '-g', '30'],
    ...[
      '-payload_type',
      String(VIDEO_PT),
      '-ssrc',
      '1111',
      '-f',
      'rtp',
      `rtp://127.0.0.1:${port(video)}?pkt_size=1200`,
    ],
    ...['-map', '1:a', '-c:a', 'libopus', '-b:a', '32k', '-ac', '2', '-frame_duration', '20'],
    ...['-payload_type', String(AUDIO_PT), '-ssrc', '2222', '-f', 'rtp', `rtp://127.0.0.1:${port(audio)}`],
  ];
  const ffmpeg = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => ffmpeg.once('exit', resolve));
  // ffmpeg's last packets are still in the socket buffers when it exits.
  await new Promise((r) => setImmediate(r));
  video.close();
  audio.close();
  if (code !== 0) throw new Error(`ffmpeg exited with ${code}`);
  return { video: toCapture(got.video, 90_000, 3000), audio: toCapture(got.audio, 48_000, 960) };
}

function toCapture(raw: { t: number; bytes: Buffer }[], clock: number, frameTicks: number): Capture {
  if (raw.length === 0) throw new Error('ffmpeg sent no RTP');
  // The capture starts with ffmpeg's first (key) frame; a consumer sees a picture within one second (-g 30).
  const first = raw[0]!.t;
  const ticks = (t: number) => (t - first) >>> 0;
  const loopTicks = ticks(raw.at(-1)!.t) + frameTicks;
  return {
    packets: raw.map(({ t, bytes }) => ({ at: (ticks(t) / clock) * 1000, bytes })),
    loopMs: (loopTicks / clock) * 1000,
    loopTicks,
  };
}

/** One replayed stream: its SSRC and where it goes. */
export interface StreamTarget {
  capture: Capture;
  ssrc: number;
  port: number;
}

/**
 * Sends every target's packets on schedule from one UDP socket (a PlainTransport with comedia learns its
 * address from the first packet). Each stream starts at a random point of its loop, so key frames of different
 * streams do not line up. `stop()` resolves once the socket is closed.
 */
export async function startReplay(): Promise<{
  add(target: StreamTarget): void;
  sent(): number;
  sendErrors(): number;
  stop(): Promise<void>;
}> {
  const socket = await listen();
  socket.setSendBufferSize(4 * 1024 * 1024);
  interface Stream extends StreamTarget {
    startedAt: number;
    loop: number;
    next: number;
    seqBase: number;
    tsBase: number;
  }
  const streams: Stream[] = [];
  let sent = 0;
  let errors = 0;
  const tick = () => {
    const now = performance.now();
    for (const s of streams) {
      const { packets, loopMs, loopTicks } = s.capture;
      for (;;) {
        const packet = packets[s.next]!;
        if (s.startedAt + s.loop * loopMs + packet.at > now) break;
        const bytes = Buffer.from(packet.bytes);
        const index = s.loop * packets.length + s.next;
        bytes.writeUInt16BE((s.seqBase + index) & 0xffff, 2);
        bytes.writeUInt32BE((s.tsBase + s.loop * loopTicks + packet.bytes.readUInt32BE(4)) >>> 0, 4);
        bytes.writeUInt32BE(s.ssrc >>> 0, 8);
        socket.send(bytes, s.port, '127.0.0.1', (error) => {
          if (error) errors += 1;
        });
        sent += 1;
        s.next += 1;
        if (s.next === packets.length) {
          s.next = 0;
          s.loop += 1;
        }
      }
    }
  };
  const timer = setInterval(tick, 5);
  return {
    add(target) {
      const offset = Math.random() * target.capture.loopMs;
      // Join the loop at a random point, as if the stream had been going for a while: the SFU forwards video from the next key frame on.
      streams.push({
        ...target,
        startedAt: performance.now() - offset,
        loop: 0,
        next: target.capture.packets.findIndex((p) => p.at >= offset) >>> 0,
        seqBase: Math.floor(Math.random() * 0x10000),
        tsBase: Math.floor(Math.random() * 2 ** 32) - target.capture.packets[0]!.bytes.readUInt32BE(4),
      });
      const last = streams.at(-1)!;
      if (last.next >= target.capture.packets.length) last.next = 0;
    },
    sent: () => sent,
    sendErrors: () => errors,
    stop: async () => {
      clearInterval(timer);
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}

async function listen(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  socket.setRecvBufferSize(4 * 1024 * 1024);
  return socket;
}

function port(socket: Socket): number {
  return (socket.address() as AddressInfo).port;
}
