/**
 * The first whole journey, in two real Chromium browsers: a booking system's signed webhook → the citizen's mail
 * in the dev mailbox → the citizen opens the link and waits (and receives nothing of the call) → the clerk admits →
 * both see and hear each other (decoded frames, received audio) → the citizen reloads and is back in the call
 * without a second admission.
 */
import { expect } from 'chai';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig as loadConnectorConfig } from '../../connector/src/config.ts';
import { Connector } from '../../connector/src/app.ts';
import { loadConfig as loadVideoConfig } from '../../video-service/src/config.ts';
import { VideoService } from '../../video-service/src/app.ts';
import { framesRendered, launchBrowser, SCREENSHOT_DIR, type TestBrowser } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { newSecret, sign } from '../support/standard-webhooks.ts';
import {
  watchSocketEvents,
  installPeerConnectionProbe,
  mediaReceived,
  type SocketEvent,
} from './support/room-probes.ts';

interface MailboxItem {
  id: string;
  to: string[];
  subject: string;
  text: string;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('journey: a booked appointment becomes a video call in the browser', function () {
  this.timeout(120_000);
  const secret = newSecret();
  let dataDir: string;
  let connector: Connector;
  let video: VideoService;
  let connectorUrl: string;
  let citizen: TestBrowser;
  let clerk: TestBrowser;
  let citizenEvents: SocketEvent[];
  let links: { citizen: string; clerk: string };

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'va-journey-'));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const [connectorPort, videoPort] = [await freePort(), await freePort()];
    connectorUrl = `http://127.0.0.1:${connectorPort}`;
    const videoUrl = `http://127.0.0.1:${videoPort}`;
    video = await VideoService.create(
      loadVideoConfig({
        PORT: String(videoPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: videoUrl,
        DATA_DIR: path.join(dataDir, 'video'),
        CONNECTOR_JWKS_URL: `${connectorUrl}/.well-known/jwks.json`,
        MEDIA_MODE: 'p2p',
        LOG_LEVEL: 'warn',
      }),
    );
    await video.listen();
    connector = await Connector.create(
      loadConnectorConfig({
        PORT: String(connectorPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: connectorUrl,
        DATA_DIR: path.join(dataDir, 'connector'),
        VIDEO_PUBLIC_URL: videoUrl,
        GENERIC_WEBHOOK_SECRET: secret,
        LOG_LEVEL: 'warn',
      }),
    );
    await connector.listen();
    [citizen, clerk] = [await launchBrowser(), await launchBrowser()];
    for (const b of [citizen, clerk]) await installPeerConnectionProbe(b.page);
    citizenEvents = watchSocketEvents(citizen.page);
  });

  after(async () => {
    await citizen?.close();
    await clerk?.close();
    await connector?.close();
    await video?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('the booking system books by signed webhook and gets the links back', async () => {
    const start = new Date(Date.now() + 5 * 60_000);
    const end = new Date(start.getTime() + 30 * 60_000);
    const body = JSON.stringify({
      type: 'appointment.created',
      appointment: {
        id: 'demo-4711',
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
    expect(res.status).to.equal(200);
    const answer = (await res.json()) as { links: { citizen: string; clerk: string } };
    // Short links (docs/adr/0011): a 22-character link id the video service resolves with the connector.
    expect(answer.links.citizen).to.match(/\/join#[A-Za-z0-9_-]{22}$/);
    expect(answer.links.clerk).to.match(/\/join#[A-Za-z0-9_-]{22}$/);
    links = answer.links;
  });

  it('the citizen receives the join link by mail in the dev mailbox', async () => {
    const mail = await waitFor('the confirmation mail', async () => {
      const res = await fetch(`${connectorUrl}/dev/mailbox/messages`);
      const { items } = (await res.json()) as { items: MailboxItem[] };
      return items.find((m) => m.to.some((t) => t.includes('erika@example.org')));
    });
    const link = mail.text.match(/https?:\/\/\S+\/join#[A-Za-z0-9._-]+/)?.[0];
    expect(link, 'join link in the mail text').to.equal(links.citizen);
  });

  it('the citizen opens the link, the token leaves the address bar, and they wait', async () => {
    const page = citizen.page;
    await page.goto(links.citizen);
    await page.getByTestId('consent-checkbox').check();
    await page.getByTestId('join-button').click();
    await page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
    expect(page.url()).to.not.include('#');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'journey-citizen-waiting.png') });
  });

  it('before admission the citizen receives no media and no room events', async () => {
    const clerkPage = clerk.page;
    // The clerk's link goes straight into the call (no page before joining).
    await clerkPage.goto(links.clerk);
    await clerkPage.getByTestId('admit-button').waitFor({ timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 1500));
    const pcs = await citizen.page.evaluate(
      () => (window as unknown as { __vaProbe: { pcs: unknown[]; tracks: number } }).__vaProbe,
    );
    expect(pcs.tracks, 'remote tracks before admission').to.equal(0);
    expect(pcs.pcs.length, 'peer connections before admission').to.equal(0);
    const names = new Set(citizenEvents.map((e) => e.name));
    expect(
      [...names].every((n) => n === 'room:snapshot' || n === 'ack'),
      `events seen: ${[...names].join(', ')}`,
    ).to.equal(true);
    for (const e of citizenEvents) {
      const snapshot = e.payload as { phase?: string; participants?: unknown[]; waiting?: unknown[]; media?: unknown };
      if (snapshot && typeof snapshot === 'object' && 'phase' in snapshot) {
        expect(snapshot.phase).to.equal('waiting');
        expect(snapshot.participants).to.deep.equal([]);
        expect(snapshot.waiting).to.deep.equal([]);
        expect(snapshot.media).to.equal(null);
      }
    }
    await clerkPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'journey-clerk-citizen-waiting.png') });
  });

  it('the clerk admits and both see and hear each other', async () => {
    await clerk.page.getByTestId('admit-button').first().click();
    await citizen.page.getByTestId('call-view').waitFor({ timeout: 15_000 });
    await assertInCall(citizen.page, 'citizen');
    await assertInCall(clerk.page, 'clerk');
    await citizen.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'journey-citizen-call.png') });
  });

  it('the citizen reloads and is back in the call without a second admission', async () => {
    citizenEvents.length = 0;
    await citizen.page.reload();
    await citizen.page.getByTestId('call-view').waitFor({ timeout: 20_000 });
    expect(await clerk.page.getByTestId('admit-button').count(), 'clerk was not asked to admit again').to.equal(0);
    await assertInCall(citizen.page, 'citizen after reload');
    await assertInCall(clerk.page, 'clerk after the citizen reloaded');
  });
});

/** Real media in both directions: remote video frames rendered and remote audio received. */
async function assertInCall(page: Page, who: string): Promise<void> {
  const video = '[data-testid="remote-video"]';
  await page.locator(video).first().waitFor({ timeout: 15_000 });
  const frames = await waitFor(
    `${who}: remote video frames`,
    async () => {
      const n = await framesRendered(page, video, 1000);
      return n > 0 ? n : undefined;
    },
    20_000,
  );
  expect(frames, `${who}: frames rendered`).to.be.greaterThan(0);
  const media = await waitFor(
    `${who}: received audio`,
    async () => {
      const m = await mediaReceived(page);
      return m.audioPackets > 0 && m.videoFramesDecoded > 0 ? m : undefined;
    },
    20_000,
  );
  expect(media.audioPackets, `${who}: audio packets received`).to.be.greaterThan(0);
  expect(media.videoFramesDecoded, `${who}: video frames decoded`).to.be.greaterThan(0);
}
