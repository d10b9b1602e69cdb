/**
 * The impairment relay itself, measured over many packets against real UDP and TCP peers on loopback: delay and
 * jitter (never below the set delay, order kept), loss (the drawn share of datagrams, TCP untouched), the rate
 * limit (a burst takes at least as long as the rate allows, and a full queue drops at the tail). Every
 * assertion is an outcome or a lower bound; a loaded machine can only make packets later, never earlier.
 */
import { expect } from 'chai';
import { createSocket, type Socket } from 'node:dgram';
import { createServer, connect, type Server } from 'node:net';
import { startImpairmentRelay, type ImpairmentRelay } from './impairment-relay.ts';
import { waitFor } from '../e2e/support/media-probes.ts';

/** A UDP peer that answers every datagram with itself (echo) or only counts them (sink). */
async function udpPeer(mode: 'echo' | 'sink'): Promise<{ port: number; received: number; close(): void }> {
  const socket = createSocket('udp4');
  const peer = { port: 0, received: 0, close: () => socket.close() };
  socket.on('message', (message, from) => {
    peer.received += 1;
    if (mode === 'echo') socket.send(message, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  peer.port = socket.address().port;
  return peer;
}

async function clientSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/**
 * Sends `count` datagrams of `size` bytes, the first 4 bytes a sequence number. Every 20 it lets a timer pass, so
 * the relay (in this same process) reads them before the kernel's socket buffer overflows: pacing, not waiting.
 */
async function sendMany(socket: Socket, port: number, count: number, size: number): Promise<number[]> {
  const sentAt: number[] = [];
  for (let i = 0; i < count; i++) {
    const message = Buffer.alloc(size);
    message.writeUInt32BE(i, 0);
    sentAt.push(performance.now());
    await new Promise<void>((resolve, reject) =>
      socket.send(message, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())),
    );
    if (i % 20 === 19) await new Promise((r) => setTimeout(r, 1));
  }
  return sentAt;
}

describe('the impairment relay (test/support/impairment-relay.ts)', function () {
  this.timeout(60_000);
  let relay: ImpairmentRelay | undefined;
  const closers: Array<() => void> = [];

  afterEach(async () => {
    await relay?.close();
    relay = undefined;
    for (const close of closers.splice(0)) close();
  });

  it('delays every datagram by at least the set delay each way, keeps their order under jitter, and loses none at loss 0', async () => {
    const echo = await udpPeer('echo');
    closers.push(echo.close);
    relay = await startImpairmentRelay({
      target: { port: echo.port },
      delayMs: 40,
      jitterMs: 20,
      protocols: ['udp'],
      seed: 7,
    });
    const client = await clientSocket();
    closers.push(() => client.close());
    const arrivals: Array<{ seq: number; at: number }> = [];
    client.on('message', (message) => arrivals.push({ seq: message.readUInt32BE(0), at: performance.now() }));

    const count = 100;
    const sentAt = await sendMany(client, relay.udpPort!, count, 200);
    await waitFor('every echo back', async () => (arrivals.length === count ? true : undefined), 30_000);

    const rtts = arrivals.map((a) => a.at - sentAt[a.seq]!);
    const mean = rtts.reduce((s, r) => s + r, 0) / rtts.length;
    console.log(
      `      round trips over the relay (2 × 40 ms ± 20 ms): min ${Math.min(...rtts).toFixed(1)} ms, mean ${mean.toFixed(1)} ms`,
    );
    // Jitter may take up to 20 ms off a delay of 40 each way; timers may fire a millisecond early.
    for (const rtt of rtts) expect(rtt).to.be.at.least(2 * (40 - 20) - 2);
    expect(mean, 'mean round trip').to.be.at.least(2 * 40 - 10);
    expect(
      arrivals.map((a) => a.seq),
      'arrival order',
    ).to.deep.equal([...Array(count).keys()]);
    const stats = relay.stats();
    expect(stats.up).to.include({ packets: count, lost: 0, queueDropped: 0, delivered: count });
    expect(stats.down).to.include({ packets: count, lost: 0, delivered: count });
    expect(stats.udpFlows).to.equal(1);
  });

  it('loses the configured share of datagrams (10 % of 2000, per direction)', async () => {
    const sink = await udpPeer('sink');
    closers.push(sink.close);
    relay = await startImpairmentRelay({ target: { port: sink.port }, lossRate: 0.1, protocols: ['udp'], seed: 42 });
    const client = await clientSocket();
    closers.push(() => client.close());
    const count = 2000;
    await sendMany(client, relay.udpPort!, count, 100);
    await waitFor('the sink has what the relay passed on', async () => {
      const s = relay!.stats().up;
      return s.packets === count && s.delivered + s.lost === count && sink.received === s.delivered ? s : undefined;
    });
    const { lost } = relay.stats().up;
    console.log(`      lost ${lost} of ${count} (${((lost / count) * 100).toFixed(1)} %)`);
    // Binomial(2000, 0.1): mean 200, standard deviation 13.4; ±60 is more than four of them.
    expect(lost).to.be.within(140, 260);
  });

  it('holds a burst to the rate limit: 200 kB at 800 kbit/s take at least 1.97 s and all arrive', async () => {
    const sink = await udpPeer('sink');
    closers.push(sink.close);
    relay = await startImpairmentRelay({
      target: { port: sink.port },
      rateKbps: 800,
      burstBytes: 3000,
      queueBytes: 1_000_000,
      protocols: ['udp'],
    });
    const client = await clientSocket();
    closers.push(() => client.close());
    const started = performance.now();
    await sendMany(client, relay.udpPort!, 200, 1000);
    await waitFor('all 200 datagrams at the sink', async () => (sink.received === 200 ? true : undefined), 30_000);
    const elapsed = performance.now() - started;
    const kbps = (200 * 1000 * 8) / elapsed;
    console.log(`      200 × 1000 bytes through 800 kbit/s: ${elapsed.toFixed(0)} ms (${kbps.toFixed(0)} kbit/s)`);
    // 800 kbit/s are 100 bytes per ms; the first 3000 bytes go at once from the full bucket.
    expect(elapsed).to.be.at.least((200_000 - 3000) / 100 - 5);
    expect(relay.stats().up).to.include({ delivered: 200, queueDropped: 0, lost: 0 });
  });

  it('drops at the tail of a full queue, and counts what it dropped', async () => {
    const sink = await udpPeer('sink');
    closers.push(sink.close);
    relay = await startImpairmentRelay({
      target: { port: sink.port },
      rateKbps: 80,
      burstBytes: 3000,
      queueBytes: 10_000,
      protocols: ['udp'],
    });
    const client = await clientSocket();
    closers.push(() => client.close());
    await sendMany(client, relay.udpPort!, 50, 1000);
    const stats = await waitFor('the queue drained', async () => {
      const s = relay!.stats().up;
      return s.packets === 50 && s.delivered + s.queueDropped === 50 && sink.received === s.delivered ? s : undefined;
    });
    console.log(
      `      50 × 1000 bytes into a 10 kB queue at 80 kbit/s: ${stats.delivered} delivered, ${stats.queueDropped} dropped`,
    );
    expect(stats.queueDropped).to.be.greaterThan(0);
    expect(stats.delivered).to.be.at.least(10);
  });

  it('passes a TCP stream intact and in order, delayed and rate-limited, never losing bytes even at a loss setting', async () => {
    const echo: Server = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    closers.push(() => echo.close());
    const address = echo.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    relay = await startImpairmentRelay({
      target: { port },
      delayMs: 30,
      lossRate: 0.2,
      rateKbps: 800,
      burstBytes: 3000,
      protocols: ['tcp'],
    });
    const payload = Buffer.alloc(100_000);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31) % 251;
    const client = connect({ host: '127.0.0.1', port: relay.tcpPort! });
    closers.push(() => client.destroy());
    const chunks: Buffer[] = [];
    let received = 0;
    client.on('data', (chunk) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    await new Promise<void>((resolve) => client.once('connect', resolve));
    const started = performance.now();
    client.write(payload);
    await waitFor('the whole payload echoed', async () => (received >= payload.length ? true : undefined), 30_000);
    const elapsed = performance.now() - started;
    console.log(`      100 kB echoed through 800 kbit/s + 2 × 30 ms over TCP: ${elapsed.toFixed(0)} ms`);
    expect(Buffer.concat(chunks).equals(payload), 'echoed bytes equal the sent ones').to.equal(true);
    // Up and down are shaped one after the other in a pipeline: at least one pass at the rate plus both delays.
    expect(elapsed).to.be.at.least((100_000 - 3000) / 100 + 2 * 30 - 5);
    const stats = relay.stats();
    expect(stats.tcpConnections).to.equal(1);
    expect(stats.up.lost + stats.down.lost).to.equal(0);
    expect(stats.up.deliveredBytes).to.equal(payload.length);
  });

  it('close() is safe to call twice and frees the ports', async () => {
    const sink = await udpPeer('sink');
    closers.push(sink.close);
    const once = await startImpairmentRelay({ target: { port: sink.port } });
    expect(once.udpPort).to.be.a('number');
    expect(once.tcpPort).to.be.a('number');
    await Promise.all([once.close(), once.close()]);
    await once.close();
    const again = await startImpairmentRelay({ target: { port: sink.port }, port: once.udpPort });
    expect(again.udpPort).to.equal(once.udpPort);
    await again.close();
  });
});
