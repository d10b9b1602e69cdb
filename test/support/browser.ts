/**
 * Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core, one fresh temporary
 * profile per browser (so two browsers are two different people), fake camera and microphone, loopback
 * peer connections allowed (test/run.ts puts the browser suites into a loopback-only network namespace).
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and deletes its profile; safe to call twice. */
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /** More Chromium flags, e.g. `--use-fake-device-for-media-stream=device-count=2` (replaces the plain flag). */
  args?: string[];
  /** A phone: touch events and the mobile viewport behaviour. */
  phone?: boolean;
}

/** Starts one Chromium with a fresh profile and one page. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'va-chromium-'));
  const extra = options.args ?? [];
  const replaced = new Set(extra.map((flag) => flag.split('=')[0]));
  const args = [...CHROMIUM_ARGS.filter((flag) => !replaced.has(flag.split('=')[0])), ...extra];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'de-DE',
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Directory where browser tests save screenshots for people to look at. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../.test-output/screenshots');

/**
 * Number of video frames a `<video>` element renders within `ms`, counted with requestVideoFrameCallback:
 * proof that real decoded media arrives, not just that an element exists.
 */
export async function framesRendered(page: Page, selector: string, ms = 1500): Promise<number> {
  return page.evaluate(
    ({ selector, ms }) =>
      new Promise<number>((resolve) => {
        const video = document.querySelector(selector) as HTMLVideoElement | null;
        if (!video) return resolve(0);
        let frames = 0;
        const onFrame = () => {
          frames += 1;
          video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
        setTimeout(() => resolve(frames), ms);
      }),
    { selector, ms },
  );
}
