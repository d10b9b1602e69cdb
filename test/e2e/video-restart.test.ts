/**
 * The video-service process is killed (SIGKILL) in the middle of a call and started again on the same port
 * and database: both browsers come back by themselves (socket.io reconnect → `room:join` → fresh snapshot),
 * the citizen is still admitted (no second admission), the chat history is back, and both see and hear
 * each other within 15 s. Real Chromium, peer-to-peer, the service as a separate `node` process.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { framesRendered, launchBrowser, SCREENSHOT_DIR, type TestBrowser } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import {
  connectSocket,
  createSigningKey,
  jwksOf,
  openSession,
  participantToken,
  request,
  roomTokens,
} from '../video-service/support.ts';
import {
  installPeerConnectionProbe,
  mediaReceived,
  watchSocketEvents,
  type SocketEvent,
} from './support/room-probes.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `npm run start:video` as a child process; resolves once /readyz answers. */
async function startProcess(env: Record<string, string>, baseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'video-service/src/main.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor('the video service to be ready', async () => {
    if (child.exitCode !== null) throw new Error(`video service exited with ${child.exitCode}`);
    const res = await fetch(`${baseUrl}/readyz`).catch(() => undefined);
    return res?.ok ? true : undefined;
  });
  return child;
}

describe('video service killed and restarted mid-call', function () {
  this.timeout(120_000);
  const key = createSigningKey();
  const tokens = roomTokens(key);
  let dataDir: string;
  let env: Record<string, string>;
  let baseUrl: string;
  let child: ChildProcess | undefined;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let citizenEvents: SocketEvent[];

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'va-restart-'));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    await writeFile(path.join(dataDir, 'jwks.json'), JSON.stringify(jwksOf([key])));
    env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      JWKS_FILE: path.join(dataDir, 'jwks.json'),
      MEDIA_MODE: 'p2p',
      LOG_LEVEL: 'warn',
    };
    child = await startProcess(env, baseUrl);
    [citizen, clerk] = [await launchBrowser(), await launchBrowser()];
    for (const b of [citizen, clerk]) await installPeerConnectionProbe(b.page);
    citizenEvents = watchSocketEvents(citizen.page);
  });

  after(async () => {
    await citizen?.close();
    await clerk?.close();
    child?.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('both come back by themselves, still admitted, with chat history and media, within 15 s', async () => {
    // The clerk's link goes straight into the call (no page before joining).
    await clerk.page.goto(`${baseUrl}/join#${tokens.clerk}`);
    await clerk.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
    await citizen.page.goto(`${baseUrl}/join#${tokens.citizen}`);
    await citizen.page.getByTestId('consent-checkbox').check();
    await citizen.page.getByTestId('join-button').click();
    await citizen.page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
    await clerk.page.getByTestId('admit-button').first().click();
    await citizen.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
    await assertInCall(citizen.page, 'citizen before the restart');
    await assertInCall(clerk.page, 'clerk before the restart');

    // The room UI has no chat yet: an interpreter (a guest socket outside the browsers) is admitted, writes
    // in the chat and leaves; the message is stored with the room.
    const { sessionToken } = await openSession(
      baseUrl,
      participantToken(key, tokens.room, 'guest', `guest-${tokens.room}`),
    );
    const guest = await connectSocket(baseUrl, { session: sessionToken });
    expect((await request(guest, 'room:join', {})).ok).to.equal(true);
    await clerk.page.getByTestId('admit-button').first().click();
    await waitFor('the guest to be admitted', async () =>
      (await request(guest, 'chat:send', { text: 'Vor dem Neustart' })).ok ? true : undefined,
    );
    await request(guest, 'room:leave', {});
    guest.close();

    child!.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const killedAt = Date.now();
    citizenEvents.length = 0;
    child = await startProcess(env, baseUrl);

    const snapshot = await waitFor('the citizen to join again after the restart', async () => {
      const ack = citizenEvents.find((e) => e.name === 'ack' && (e.payload as { phase?: string } | undefined)?.phase);
      return ack?.payload as { phase: string; chat: Array<{ text: string }> } | undefined;
    });
    expect(snapshot.phase, 'still admitted after the restart').to.equal('admitted');
    expect(
      snapshot.chat.map((m) => m.text),
      'chat history after the restart',
    ).to.deep.equal(['Vor dem Neustart']);
    await citizen.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
    await clerk.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
    expect(await clerk.page.getByTestId('admit-button').count(), 'no second admission').to.equal(0);
    await assertInCall(citizen.page, 'citizen after the restart');
    await assertInCall(clerk.page, 'clerk after the restart');
    expect(Date.now() - killedAt, 'back within 15 s of the kill').to.be.below(15_000);
    await citizen.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'video-restart-citizen-after.png') });
  });
});

/** Real media in both directions: remote video frames rendered and remote audio received. */
async function assertInCall(page: Page, who: string): Promise<void> {
  const video = '[data-testid="remote-video"]';
  await page.locator(video).first().waitFor({ timeout: 15_000 });
  const frames = await waitFor(`${who}: remote video frames`, async () => {
    const n = await framesRendered(page, video, 1000);
    return n > 0 ? n : undefined;
  });
  expect(frames, `${who}: frames rendered`).to.be.greaterThan(0);
  const media = await waitFor(`${who}: received audio`, async () => {
    const m = await mediaReceived(page);
    return m.audioPackets > 0 && m.videoFramesDecoded > 0 ? m : undefined;
  });
  expect(media.audioPackets, `${who}: audio packets received`).to.be.greaterThan(0);
}
