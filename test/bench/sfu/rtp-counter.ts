/**
 * The receiving end of SFU benchmarks: one UDP socket that every consumer's PlainTransport sends to. Packets are
 * told apart by SSRC (mediasoup gives each consumer its own) and counted; loss is read from gaps in each
 * stream's sequence numbers (RFC 3550 §A.3: extended highest sequence number against packets received), over a
 * window between two `snapshot()`s so that ramp-up and the wait for the first key frame do not count.
 */
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

interface StreamCount {
  /** Extended (wrap-counting) highest sequence number seen. */
  highest: number;
  received: number;
}

const PROBATOR_SSRC = 1234;

export interface Snapshot {
  streams: Map<number, StreamCount>;
  at: number;
}

export interface Window {
  streams: number;
  received: number;
  expected: number;
  /** Fraction lost, 0..1. */
  loss: number;
  /** Streams that received nothing in the window. */
  silent: number;
  seconds: number;
}

export async function startCounter(): Promise<{
  port: number;
  snapshot(): Snapshot;
  stop(): Promise<void>;
}> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  socket.setRecvBufferSize(4 * 1024 * 1024);
  const streams = new Map<number, StreamCount>();
  socket.on('message', (bytes) => {
    if (bytes.length < 12 || bytes[0]! >> 6 !== 2) return;
    // RTCP (sender reports of the consumers; rtcp-mux): payload types 200–206 in the second byte.
    if (bytes[1]! >= 200 && bytes[1]! <= 206) return;
    const seq = bytes.readUInt16BE(2);
    const ssrc = bytes.readUInt32BE(8);
    // mediasoup's bandwidth probation packets (RTP_PROBATOR_SSRC) are padding, not a consumer's stream.
    if (ssrc === PROBATOR_SSRC) return;
    const s = streams.get(ssrc);
    if (!s) {
      streams.set(ssrc, { highest: seq, received: 1 });
      return;
    }
    s.received += 1;
    const cycles = s.highest & ~0xffff;
    let candidate = cycles | seq;
    // Nearest to the highest so far: a jump of more than half the space is a wrap (or a late packet before one).
    if (candidate < s.highest - 0x8000) candidate += 0x10000;
    else if (candidate > s.highest + 0x8000) candidate -= 0x10000;
    if (candidate > s.highest) s.highest = candidate;
  });
  return {
    port: (socket.address() as AddressInfo).port,
    snapshot: () => ({
      at: performance.now(),
      streams: new Map([...streams].map(([ssrc, s]) => [ssrc, { ...s }])),
    }),
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** What arrived between two snapshots, over the streams that existed at the first. */
export function between(before: Snapshot, after: Snapshot): Window {
  let received = 0;
  let expected = 0;
  let silent = 0;
  for (const [ssrc, start] of before.streams) {
    const end = after.streams.get(ssrc)!;
    const got = end.received - start.received;
    if (got === 0) silent += 1;
    received += got;
    expected += end.highest - start.highest;
  }
  return {
    streams: before.streams.size,
    received,
    expected,
    loss: expected > 0 ? Math.max(0, 1 - received / expected) : 0,
    silent,
    seconds: (after.at - before.at) / 1000,
  };
}
