/**
 * JavaScript the citizen's browser loads before the call starts, gzipped (target ≤ 45 KB, DESIGN.md
 * "Performance"). Measured in Chromium, not from the build's report: a citizen opens the join link (booked
 * through the connector), agrees and joins, and waits in the waiting room; every script response up to that
 * moment is counted (each gzipped at level 9, as a precompressed static file would be served). What arrives
 * after the clerk admits (lazy chunks such as mediasoup-client in SFU mode) is reported separately.
 */
import { gzipSync } from 'node:zlib';
import type { Response } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { admit, pressJoin } from '../e2e/support/media-call.ts';
import { installMediaProbe, waitForMedia } from '../e2e/support/media-probes.ts';
import { startMediaStack } from '../e2e/support/media-stack.ts';
import type { BenchResult } from './types.ts';

export const netns = true;

const BUDGET_BYTES = 45 * 1024;

interface Script {
  url: string;
  bytes: number;
  gzipBytes: number;
}

export default async function bundleSize(): Promise<BenchResult[]> {
  const stack = await startMediaStack();
  const citizen = await launchBrowser();
  const clerk = await launchBrowser();
  try {
    for (const b of [citizen, clerk]) await installMediaProbe(b.page);
    const loaded: Array<Promise<Script | undefined>> = [];
    citizen.page.on('response', (response) => loaded.push(scriptOf(response)));
    const links = await stack.book();
    await citizen.page.goto(links.citizen);
    await citizen.page.getByTestId('join-button').waitFor({ timeout: 15_000 });
    const atDeviceCheck = await settled(loaded);
    await pressJoin(citizen.page);
    await citizen.page.getByTestId('waiting-room').waitFor({ timeout: 15_000 });
    // The clerk's link goes straight into the call.
    await clerk.page.goto(links.clerk);
    await clerk.page.getByTestId('admit-button').first().waitFor({ timeout: 15_000 });
    const beforeCall = await settled(loaded);
    await admit(citizen.page, clerk.page);
    await waitForMedia(citizen.page, 'citizen');
    const inCall = await settled(loaded);

    const sum = (scripts: Script[], key: 'bytes' | 'gzipBytes') => scripts.reduce((n, s) => n + s[key], 0);
    const names = (scripts: Script[]) => scripts.map((s) => new URL(s.url).pathname.split('/').pop()).join(', ');
    const lazy = inCall.filter((s) => !beforeCall.some((b) => b.url === s.url));
    const gz = sum(beforeCall, 'gzipBytes');
    return [
      {
        name: 'citizen JavaScript before the call starts (device check + waiting room), gzipped',
        value: gz / 1024,
        unit: 'KB',
        target: '≤ 45 KB',
        pass: gz <= BUDGET_BYTES,
        notes: `${beforeCall.length} file(s): ${names(beforeCall)}; ${(sum(beforeCall, 'bytes') / 1024).toFixed(1)} KB uncompressed`,
      },
      {
        name: 'citizen JavaScript on the device-check page, gzipped',
        value: sum(atDeviceCheck, 'gzipBytes') / 1024,
        unit: 'KB',
        notes: names(atDeviceCheck),
      },
      {
        name: 'JavaScript loaded later, once in the call (p2p), gzipped',
        value: sum(lazy, 'gzipBytes') / 1024,
        unit: 'KB',
        notes: lazy.length > 0 ? names(lazy) : 'none',
      },
    ];
  } finally {
    await citizen.close();
    await clerk.close();
    await stack.close();
  }
}

async function scriptOf(response: Response): Promise<Script | undefined> {
  const type = response.headers()['content-type'] ?? '';
  if (!/javascript/.test(type) && response.request().resourceType() !== 'script') return undefined;
  const body = await response.body().catch(() => undefined);
  if (!body) return undefined;
  return { url: response.url(), bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

/** Every script response so far, once their bodies are read (each URL once). */
async function settled(loaded: Array<Promise<Script | undefined>>): Promise<Script[]> {
  const scripts = (await Promise.all(loaded)).filter((s): s is Script => s !== undefined);
  return [...new Map(scripts.map((s) => [s.url, s])).values()];
}
