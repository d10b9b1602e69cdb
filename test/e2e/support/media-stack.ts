/**
 * The whole product for media tests and benchmarks: a connector and a video service on free loopback ports
 * (the video service in this process, or as a separate `node video-service/src/main.ts` process that can be
 * killed and started again), optional TURN settings, and appointments booked the way a booking system books
 * them (a signed Standard Webhooks call to the connector), which answers with the citizen's and clerk's links.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig as loadConnectorConfig } from '../../../connector/src/config.ts';
import { Connector } from '../../../connector/src/app.ts';
import { loadConfig as loadVideoConfig } from '../../../video-service/src/config.ts';
import { VideoService } from '../../../video-service/src/app.ts';
import { freePort } from '../../support/ports.ts';
import { newSecret, sign } from '../../support/standard-webhooks.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** What the video service hands to browsers for TURN (TURN_URLS, TURN_SECRET, TURN_RELAY_ONLY). */
export interface TurnEnv {
  urls: string[];
  secret: string;
  relayOnly: boolean;
}

export interface MediaStackOptions {
  turn?: TurnEnv;
  /** Run the video service as a child process (so it can be SIGKILLed); default: in this process. */
  videoAsProcess?: boolean;
  /** Extra video-service environment. */
  videoEnv?: Record<string, string>;
}

export interface JoinLinks {
  citizen: string;
  clerk: string;
}

export interface MediaStack {
  connectorUrl: string;
  videoUrl: string;
  /** Books a fresh appointment (starting in five minutes) and returns its join links. */
  book(): Promise<JoinLinks>;
  /** Only with `videoAsProcess`: SIGKILLs the video service and waits until it is gone. */
  killVideo(): Promise<void>;
  /** Only with `videoAsProcess`: starts it again on the same port, data directory and database; resolves once ready. */
  startVideo(): Promise<void>;
  /** Stops everything and deletes the data; safe to call twice. */
  close(): Promise<void>;
}

export async function startMediaStack(options: MediaStackOptions = {}): Promise<MediaStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'va-media-'));
  const [connectorPort, videoPort] = [await freePort(), await freePort()];
  const connectorUrl = `http://127.0.0.1:${connectorPort}`;
  const videoUrl = `http://127.0.0.1:${videoPort}`;
  const webhookSecret = newSecret();
  const videoDir = path.join(dataDir, 'video');
  const videoEnv: Record<string, string> = {
    PORT: String(videoPort),
    HOST: '127.0.0.1',
    PUBLIC_URL: videoUrl,
    DATA_DIR: videoDir,
    DATABASE_URL: `sqlite:${path.join(videoDir, 'video.sqlite')}`,
    CONNECTOR_JWKS_URL: `${connectorUrl}/.well-known/jwks.json`,
    MEDIA_MODE: 'p2p',
    LOG_LEVEL: 'warn',
    ...(options.turn
      ? {
          TURN_URLS: options.turn.urls.join(','),
          TURN_SECRET: options.turn.secret,
          TURN_RELAY_ONLY: String(options.turn.relayOnly),
        }
      : {}),
    // The built room UI: video-service/web/dist (npm test builds it first), or another build for experiments.
    ...(process.env.WEB_DIST_DIR ? { WEB_DIST_DIR: process.env.WEB_DIST_DIR } : {}),
    ...options.videoEnv,
  };

  let inProcess: VideoService | undefined;
  let child: ChildProcess | undefined;
  const startVideo = async () => {
    if (options.videoAsProcess) child = await spawnVideo(videoEnv, videoUrl);
    else {
      inProcess = await VideoService.create(loadVideoConfig(videoEnv));
      await inProcess.listen();
    }
  };
  const killVideo = async () => {
    if (!options.videoAsProcess) throw new Error('killVideo needs videoAsProcess');
    await killChild(child);
    child = undefined;
  };

  const connector = await Connector.create(
    loadConnectorConfig({
      PORT: String(connectorPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: connectorUrl,
      DATA_DIR: path.join(dataDir, 'connector'),
      VIDEO_PUBLIC_URL: videoUrl,
      GENERIC_WEBHOOK_SECRET: webhookSecret,
      LOG_LEVEL: 'warn',
    }),
  );
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await connector.close();
    await inProcess?.close();
    await killChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await connector.listen();
    await startVideo();
  } catch (error) {
    await close();
    throw error;
  }

  return {
    connectorUrl,
    videoUrl,
    book: () => book(connectorUrl, webhookSecret),
    killVideo,
    startVideo,
    close,
  };
}

async function book(connectorUrl: string, secret: string): Promise<JoinLinks> {
  const start = new Date(Date.now() + 5 * 60_000);
  const end = new Date(start.getTime() + 30 * 60_000);
  const id = `media-${randomUUID()}`;
  const body = JSON.stringify({
    type: 'appointment.created',
    appointment: {
      id,
      title: 'Anmeldung einer Wohnung',
      start: start.toISOString(),
      end: end.toISOString(),
      timezone: 'Europe/Berlin',
      services: ['anmeldung'],
      citizen: { name: 'Erika Mustermann', email: 'erika@example.org', locale: 'de' },
      clerk: { id: 'clerk-7', name: 'Max Beispiel', email: 'max@example.org' },
    },
  });
  const request = sign(secret, body);
  const res = await fetch(`${connectorUrl}/webhooks/generic`, { method: 'POST', headers: request.headers, body });
  if (res.status !== 200) throw new Error(`booking failed: HTTP ${res.status} ${await res.text()}`);
  const answer = (await res.json()) as { links: JoinLinks };
  return answer.links;
}

/** `node video-service/src/main.ts` with `env`; resolves once `/readyz` answers 200. */
async function spawnVideo(env: Record<string, string>, baseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'video-service/src/main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`video service exited with ${child.exitCode}`);
    const res = await fetch(`${baseUrl}/readyz`).catch(() => undefined);
    if (res?.ok) return child;
    if (Date.now() > deadline) {
      await killChild(child);
      throw new Error('video service was not ready within 20 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function killChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}
