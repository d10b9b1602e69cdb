/**
 * A real coturn `turnserver` on loopback for relayed-media tests and benchmarks, in the TURN REST API scheme
 * the video service hands out (`--use-auth-secret`, `--static-auth-secret`; see INTEGRATION-FACTS.md "TURN" and
 * https://github.com/coturn/coturn/blob/master/README.turnserver). No configuration file is read (`-n`); the pid
 * file and the (unused) user database live in a temporary directory, so it runs as root or not, many at once.
 *
 * Loopback only: it listens and relays on 127.0.0.1 and allows loopback peers (needed on a loopback-only
 * host; never in production, where `denied-peer-ip` blocks private ranges).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports.ts';

export const TURNSERVER_PATH = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';

export interface CoturnOptions {
  /** Listening port for UDP and TCP (default: a free one). Pass the old port to restart "the same" server. */
  port?: number;
  /** static-auth-secret (default: random). */
  secret?: string;
  /** Default `va.test`. */
  realm?: string;
  /** First relay port (default: a free port; the range is `relayPorts` wide). */
  minPort?: number;
  /** Width of the relay port range (default 200). */
  relayPorts?: number;
}

export interface Coturn {
  port: number;
  secret: string;
  realm: string;
  /** `turn:127.0.0.1:<port>?transport=udp` */
  udpUrl: string;
  /** `turn:127.0.0.1:<port>?transport=tcp` */
  tcpUrl: string;
  /** Everything coturn logged so far (its `--log-file=stdout --simple-log` output). */
  log(): string;
  /** Successful TURN allocations seen in the log (one per relayed candidate a browser gathered). */
  allocations(): number;
  /** Kills the process (SIGKILL: every allocation is lost at once) and removes its files; safe to call twice. */
  kill(): Promise<void>;
  /** Stops the process (SIGTERM) and removes its files; safe to call twice. */
  stop(): Promise<void>;
}

/** Starts `turnserver` and resolves once it answers STUN on UDP and accepts TCP connections on its port. */
export async function startCoturn(options: CoturnOptions = {}): Promise<Coturn> {
  const port = options.port ?? (await freePort());
  const secret = options.secret ?? randomBytes(24).toString('hex');
  const realm = options.realm ?? 'va.test';
  const relayPorts = options.relayPorts ?? 200;
  // Below the kernel's ephemeral range (32768+), where free ports for the services come from.
  const minPort = options.minPort ?? 10_000 + Math.floor(Math.random() * 20_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'va-coturn-'));
  const args = [
    '-n',
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    `--realm=${realm}`,
    '--listening-ip=127.0.0.1',
    '--relay-ip=127.0.0.1',
    `--listening-port=${port}`,
    `--min-port=${minPort}`,
    `--max-port=${minPort + relayPorts - 1}`,
    '--allow-loopback-peers',
    '--no-cli',
    '--no-tls',
    '--no-dtls',
    '--no-rfc5780',
    '--no-stun-backward-compatibility',
    '--log-file=stdout',
    '--simple-log',
    '--verbose',
    `--pidfile=${path.join(dir, 'turnserver.pid')}`,
    `--userdb=${path.join(dir, 'turndb')}`,
  ];
  const child = spawn(TURNSERVER_PATH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stopped = false;
  const end = async (signal: NodeJS.Signals) => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await waitUntilListening(child, port, () => output);
  } catch (error) {
    await end('SIGKILL');
    throw error;
  }
  return {
    port,
    secret,
    realm,
    udpUrl: `turn:127.0.0.1:${port}?transport=udp`,
    tcpUrl: `turn:127.0.0.1:${port}?transport=tcp`,
    log: () => output,
    allocations: () => countAllocations(output),
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** Lines like `session 000000000000000001: new, realm=<va.test>, username=<…>, lifetime=600` follow a successful ALLOCATE. */
export function countAllocations(log: string): number {
  return log.match(/ALLOCATE processed, success/g)?.length ?? 0;
}

async function waitUntilListening(child: ChildProcess, port: number, log: () => string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `turnserver exited (${child.exitCode ?? child.signalCode}) before listening:\n${log().slice(-2000)}`,
      );
    }
    if ((await tcpAccepts(port)) && (await stunAnswers(port))) return;
    if (Date.now() > deadline)
      throw new Error(`turnserver did not listen on 127.0.0.1:${port} within ${ms} ms:\n${log().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sends one STUN Binding request (RFC 5389) over UDP and waits briefly for any answer. */
function stunAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request
    request.writeUInt16BE(0, 2); // no attributes
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    randomBytes(12).copy(request, 8); // transaction id
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.once('message', () => done(true));
    socket.once('error', () => done(false));
    socket.send(request, port, '127.0.0.1');
  });
}
