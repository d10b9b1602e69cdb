/**
 * An impairment relay: a UDP and TCP forwarder on loopback that delays, jitters, loses and rate-limits what
 * passes through it, for weak-network tests and benchmarks on a kernel without netem. Put it in front of coturn
 * (the TURN URLs name the relay's ports, the relay forwards to coturn) and every relayed byte of a call crosses
 * it — media, RTCP, STUN and the TURN control messages alike.
 *
 * ```ts
 * const relay = await startImpairmentRelay({ target: { port: coturn.port }, delayMs: 50, lossRate: 0.03, rateKbps: 1000 });
 * // TURN_URLS=turn:127.0.0.1:${relay.udpPort}?transport=udp,turn:127.0.0.1:${relay.tcpPort}?transport=tcp
 * relay.stats(); await relay.close();
 * ```
 *
 * Model (ADR 0200): each client flow — one UDP source address, or one TCP connection — gets its own link with
 * two directions (`up`: client → target, `down`: target → client), like a person's own access line; a browser
 * with two peer connections has two flows. Each direction of a link, in order:
 *  1. loss: a UDP datagram is dropped with probability `lossRate` (TCP is a byte stream and is never cut);
 *  2. rate: a token bucket of `rateKbps` (bucket `burstBytes`) drains a FIFO queue; a datagram that would grow
 *     the queue beyond `queueBytes` is dropped at the tail, like a router's buffer; a TCP connection whose queue
 *     is full stops being read (back-pressure) instead;
 *  3. delay: `delayMs` plus a uniform jitter in [-jitterMs, +jitterMs], never reordering (a datagram leaves no
 *     earlier than the one before it), so jitter shows as spread in arrival times, as on a queueing path.
 * The values apply per direction and per pass: media that crosses the relay twice (peer-to-peer through one
 * coturn: up to coturn, down to the other browser) sees the delay and the loss twice.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { connect, createServer, type Server, type Socket as TcpSocket } from 'node:net';

export interface ImpairmentOptions {
  /** Where the relay forwards to (coturn): host defaults to 127.0.0.1. */
  target: { host?: string; port: number };
  /** One-way delay per direction and pass, ms (default 0). */
  delayMs?: number;
  /** Uniform jitter around the delay, ms (default 0). */
  jitterMs?: number;
  /** Probability that a UDP datagram is dropped, per direction (0…1, default 0). */
  lossRate?: number;
  /** Rate limit per flow and direction, kbit/s (default: none). */
  rateKbps?: number;
  /** Token bucket size (default: 10 ms at the rate, at least 3000 bytes). */
  burstBytes?: number;
  /** Queue in front of the rate limit; beyond it datagrams are dropped (default: 300 ms at the rate, at least 16 KiB). */
  queueBytes?: number;
  /** Which listeners to open (default both). */
  protocols?: Array<'udp' | 'tcp'>;
  /** Seed for the loss and jitter draws, so a run can be repeated (default: random). */
  seed?: number;
  /** Port to listen on for UDP and TCP (default: a free one; both protocols get the same port when possible). */
  port?: number;
}

export interface DirectionStats {
  /** Datagrams (UDP) or chunks (TCP) that entered this direction. */
  packets: number;
  bytes: number;
  /** Dropped by `lossRate`. */
  lost: number;
  /** Dropped because the queue in front of the rate limit was full. */
  queueDropped: number;
  delivered: number;
  deliveredBytes: number;
}

export interface ImpairmentStats {
  up: DirectionStats;
  down: DirectionStats;
  /** UDP client flows seen so far. */
  udpFlows: number;
  /** TCP connections accepted so far. */
  tcpConnections: number;
}

export interface ImpairmentRelay {
  /** UDP port on 127.0.0.1 (undefined when `protocols` left UDP out). */
  udpPort: number | undefined;
  /** TCP port on 127.0.0.1 (undefined when `protocols` left TCP out). */
  tcpPort: number | undefined;
  /** Counters summed over every flow. */
  stats(): ImpairmentStats;
  /** Stops listening, drops every flow and every queued packet; safe to call twice. */
  close(): Promise<void>;
}

/** Starts the relay; resolves once its sockets listen. */
export async function startImpairmentRelay(options: ImpairmentOptions): Promise<ImpairmentRelay> {
  const protocols = options.protocols ?? ['udp', 'tcp'];
  const target = { host: options.target.host ?? '127.0.0.1', port: options.target.port };
  const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const totals: ImpairmentStats = { up: emptyStats(), down: emptyStats(), udpFlows: 0, tcpConnections: 0 };
  const links = new Set<Direction>();
  const newDirection = (side: 'up' | 'down', deliver: (chunk: Buffer) => void, onDrain?: () => void) => {
    const direction = new Direction(options, random, totals[side], deliver, onDrain);
    links.add(direction);
    return direction;
  };

  let udp: UdpRelay | undefined;
  let tcp: TcpRelay | undefined;
  try {
    if (protocols.includes('udp')) udp = await UdpRelay.create(options.port ?? 0, target, totals, newDirection);
    if (protocols.includes('tcp')) {
      const port = options.port ?? udp?.port ?? 0;
      tcp = await TcpRelay.create(port, target, totals, newDirection).catch((error: NodeJS.ErrnoException) => {
        // The UDP port may be taken for TCP by someone else; any port will do then.
        if (error.code === 'EADDRINUSE' && options.port === undefined)
          return TcpRelay.create(0, target, totals, newDirection);
        throw error;
      });
    }
  } catch (error) {
    await udp?.close();
    throw error;
  }

  let closed = false;
  return {
    udpPort: udp?.port,
    tcpPort: tcp?.port,
    stats: () => ({
      up: { ...totals.up },
      down: { ...totals.down },
      udpFlows: totals.udpFlows,
      tcpConnections: totals.tcpConnections,
    }),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const link of links) link.close();
      links.clear();
      await Promise.all([udp?.close(), tcp?.close()]);
    },
  };
}

function emptyStats(): DirectionStats {
  return { packets: 0, bytes: 0, lost: 0, queueDropped: 0, delivered: 0, deliveredBytes: 0 };
}

/** TCP payload per segment on a typical 1500-byte path. */
const SEGMENT_BYTES = 1400;

type NewDirection = (side: 'up' | 'down', deliver: (chunk: Buffer) => void, onDrain?: () => void) => Direction;

/**
 * One direction of one flow: loss → token-bucket queue → order-keeping delay line → `deliver`.
 * `onDrain` (TCP) is called when a full queue has room again; `full` tells the caller to stop reading.
 */
class Direction {
  private readonly delayMs: number;
  private readonly jitterMs: number;
  private readonly lossRate: number;
  private readonly bytesPerMs: number | undefined;
  private readonly burstBytes: number;
  private readonly queueBytes: number;
  private tokens: number;
  private refilledAt = performance.now();
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private shaperTimer: NodeJS.Timeout | undefined;
  private readonly line: Array<{ at: number; chunk: Buffer }> = [];
  private lineTimer: NodeJS.Timeout | undefined;
  private lastAt = 0;
  private closed = false;
  private readonly random: () => number;
  private readonly stats: DirectionStats;
  private readonly deliver: (chunk: Buffer) => void;
  private readonly onDrain: (() => void) | undefined;

  constructor(
    options: ImpairmentOptions,
    random: () => number,
    stats: DirectionStats,
    deliver: (chunk: Buffer) => void,
    onDrain?: () => void,
  ) {
    this.random = random;
    this.stats = stats;
    this.deliver = deliver;
    this.onDrain = onDrain;
    this.delayMs = options.delayMs ?? 0;
    this.jitterMs = options.jitterMs ?? 0;
    this.lossRate = options.lossRate ?? 0;
    this.bytesPerMs = options.rateKbps ? (options.rateKbps * 1000) / 8 / 1000 : undefined;
    const perMs = this.bytesPerMs ?? 0;
    this.burstBytes = options.burstBytes ?? Math.max(3000, perMs * 10);
    this.queueBytes = options.queueBytes ?? Math.max(16_384, perMs * 300);
    this.tokens = this.burstBytes;
  }

  /** True while the queue in front of the rate limit is full (TCP: stop reading). */
  get full(): boolean {
    return this.queued >= this.queueBytes;
  }

  /** A UDP datagram: may be lost or dropped at a full queue. */
  datagram(chunk: Buffer): void {
    this.count(chunk);
    if (this.lossRate > 0 && this.random() < this.lossRate) {
      this.stats.lost += 1;
      return;
    }
    if (this.bytesPerMs !== undefined && this.queued + chunk.length > this.queueBytes) {
      this.stats.queueDropped += 1;
      return;
    }
    this.enqueue(chunk);
  }

  /**
   * A TCP chunk: never dropped; the caller pauses reading while `full`. Cut into segments of at most 1400 bytes,
   * as a network would carry it, so one large read does not pass the bucket at once.
   */
  stream(chunk: Buffer): void {
    for (let offset = 0; offset < chunk.length; offset += SEGMENT_BYTES) {
      const segment = chunk.subarray(offset, offset + SEGMENT_BYTES);
      this.count(segment);
      this.enqueue(segment);
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.shaperTimer);
    clearTimeout(this.lineTimer);
    this.queue.length = 0;
    this.line.length = 0;
  }

  private count(chunk: Buffer): void {
    this.stats.packets += 1;
    this.stats.bytes += chunk.length;
  }

  private enqueue(chunk: Buffer): void {
    if (this.closed) return;
    if (this.bytesPerMs === undefined) {
      this.delay(chunk);
      return;
    }
    this.queue.push(chunk);
    this.queued += chunk.length;
    this.pump();
  }

  /** Sends from the queue what the bucket allows, then waits for the tokens the next chunk needs. */
  private pump(): void {
    if (this.closed || this.shaperTimer !== undefined) return;
    const perMs = this.bytesPerMs!;
    const now = performance.now();
    this.tokens = Math.min(this.burstBytes, this.tokens + (now - this.refilledAt) * perMs);
    this.refilledAt = now;
    const wasFull = this.full;
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      // A datagram larger than the bucket goes once the bucket is full, running it into debt.
      const need = Math.min(head.length, this.burstBytes);
      if (this.tokens < need) break;
      this.queue.shift();
      this.queued -= head.length;
      this.tokens -= head.length;
      this.delay(head);
    }
    if (wasFull && !this.full) this.onDrain?.();
    if (this.queue.length === 0) return;
    const need = Math.min(this.queue[0]!.length, this.burstBytes);
    const waitMs = Math.max(1, Math.ceil((need - this.tokens) / perMs));
    this.shaperTimer = setTimeout(() => {
      this.shaperTimer = undefined;
      this.pump();
    }, waitMs);
  }

  private delay(chunk: Buffer): void {
    if (this.delayMs === 0 && this.jitterMs === 0 && this.line.length === 0) {
      this.out(chunk);
      return;
    }
    const jitter = this.jitterMs === 0 ? 0 : (this.random() * 2 - 1) * this.jitterMs;
    const at = Math.max(this.lastAt, performance.now() + Math.max(0, this.delayMs + jitter));
    this.lastAt = at;
    this.line.push({ at, chunk });
    if (this.line.length === 1) this.arm();
  }

  private arm(): void {
    const head = this.line[0];
    if (!head || this.closed) return;
    this.lineTimer = setTimeout(
      () => {
        const now = performance.now();
        // Timers may fire up to a millisecond early; what is due within it goes now, in order.
        while (this.line.length > 0 && this.line[0]!.at <= now + 1) this.out(this.line.shift()!.chunk);
        this.arm();
      },
      Math.max(0, head.at - performance.now()),
    );
  }

  private out(chunk: Buffer): void {
    if (this.closed) return;
    this.stats.delivered += 1;
    this.stats.deliveredBytes += chunk.length;
    this.deliver(chunk);
  }
}

/** UDP: one listening socket; per client address an upstream socket to the target, so replies find their way back. */
class UdpRelay {
  private readonly flows = new Map<string, { upstream: Socket; up: Direction; down: Direction }>();
  private readonly socket: Socket;
  readonly port: number;
  private readonly target: { host: string; port: number };
  private readonly totals: ImpairmentStats;
  private readonly newDirection: NewDirection;

  private constructor(
    socket: Socket,
    port: number,
    target: { host: string; port: number },
    totals: ImpairmentStats,
    newDirection: NewDirection,
  ) {
    this.socket = socket;
    this.port = port;
    this.target = target;
    this.totals = totals;
    this.newDirection = newDirection;
    socket.on('message', (message, from) => this.fromClient(message, from));
  }

  static async create(
    port: number,
    target: { host: string; port: number },
    totals: ImpairmentStats,
    newDirection: NewDirection,
  ): Promise<UdpRelay> {
    // A larger receive buffer rides out bursts while the event loop is busy (the kernel caps it at rmem_max).
    const socket = createSocket({ type: 'udp4', recvBufferSize: 1 << 20, sendBufferSize: 1 << 20 });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, '127.0.0.1', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    // A send to a vanished client (ICMP unreachable) must not end the relay.
    socket.on('error', () => {});
    return new UdpRelay(socket, socket.address().port, target, totals, newDirection);
  }

  private fromClient(message: Buffer, from: RemoteInfo): void {
    const key = `${from.address}:${from.port}`;
    let flow = this.flows.get(key);
    if (!flow) {
      const upstream = createSocket('udp4');
      upstream.on('error', () => {});
      upstream.bind(0, '127.0.0.1');
      const up = this.newDirection('up', (chunk) => upstream.send(chunk, this.target.port, this.target.host));
      const down = this.newDirection('down', (chunk) => this.socket.send(chunk, from.port, from.address));
      upstream.on('message', (reply) => down.datagram(reply));
      flow = { upstream, up, down };
      this.flows.set(key, flow);
      this.totals.udpFlows += 1;
    }
    flow.up.datagram(message);
  }

  async close(): Promise<void> {
    for (const flow of this.flows.values()) {
      flow.up.close();
      flow.down.close();
      flow.upstream.close();
    }
    this.flows.clear();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}

/** TCP: per accepted connection one connection to the target; each direction shaped, read paused while its queue is full. */
class TcpRelay {
  private readonly sockets = new Set<TcpSocket>();
  private readonly server: Server;
  readonly port: number;

  private constructor(server: Server, port: number) {
    this.server = server;
    this.port = port;
  }

  static async create(
    port: number,
    target: { host: string; port: number },
    totals: ImpairmentStats,
    newDirection: NewDirection,
  ): Promise<TcpRelay> {
    const server = createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const relay = new TcpRelay(server, typeof address === 'object' && address ? address.port : 0);
    server.on('connection', (client) => {
      totals.tcpConnections += 1;
      const upstream = connect({ host: target.host, port: target.port, noDelay: true });
      relay.sockets.add(client).add(upstream);
      const up = newDirection(
        'up',
        (chunk) => upstream.write(chunk),
        () => client.resume(),
      );
      const down = newDirection(
        'down',
        (chunk) => client.write(chunk),
        () => upstream.resume(),
      );
      client.on('data', (chunk) => {
        up.stream(chunk);
        if (up.full) client.pause();
      });
      upstream.on('data', (chunk) => {
        down.stream(chunk);
        if (down.full) upstream.pause();
      });
      const end = () => {
        up.close();
        down.close();
        client.destroy();
        upstream.destroy();
        relay.sockets.delete(client);
        relay.sockets.delete(upstream);
      };
      for (const socket of [client, upstream]) {
        socket.on('error', end);
        socket.on('close', end);
      }
    });
    return relay;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** mulberry32: a small seeded generator, so loss and jitter draws can be repeated. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
