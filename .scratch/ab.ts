/** Scratch A/B: baseline vs two UI builds (WEB_DIST_A, WEB_DIST_B), interleaved; join and reload medians. node .scratch/ab.ts [runs] */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.ts';
import { citizenWaitsClerkPresent } from '../test/e2e/support/media-call.ts';
import { clickedAt, firstFrameAt, installMediaProbe, navigationStart, waitFor } from '../test/e2e/support/media-probes.ts';
import { startMediaStack, type MediaStack } from '../test/e2e/support/media-stack.ts';
import { startBaseline } from '../test/bench/baseline/server.ts';
const RUNS = Number(process.argv[2] ?? 20);
const OURS = { remote: '[data-testid="remote-video"]', click: '[data-testid="admit-button"]' };
const BASE = { remote: '#remote', click: '#join' };
async function clear(...pages: Page[]) { for (const p of pages) { const c = await p.context().newCDPSession(p); await c.send('Network.clearBrowserCache'); await c.detach(); } }
async function both(clicker: Page, other: Page, click: string, remote: string) {
  const c = await waitFor('click', () => clickedAt(clicker, click));
  const f = await Promise.all([clicker, other].map((p) => waitFor('frame', () => firstFrameAt(p, remote), 30000)));
  return Math.max(...f) - c;
}
async function load(p: Page, remote: string) { const f = await waitFor('frame', () => firstFrameAt(p, remote), 30000); return f - (await navigationStart(p)); }
const a = await launchBrowser(); const b = await launchBrowser();
for (const x of [a, b]) await installMediaProbe(x.page, { frames: [OURS.remote, BASE.remote], clicks: [OURS.click, BASE.click] });
const baseline = await startBaseline();
const stacks: Record<string, MediaStack> = {};
for (const v of ['A', 'B']) { process.env.WEB_DIST_DIR = process.env[`WEB_DIST_${v}`]!; stacks[v] = await startMediaStack({ videoEnv: { SESSION_RATE_LIMIT_PER_MINUTE: '100000' } }); }
const res: Record<string, { join: number[]; load: number[] }> = { base: { join: [], load: [] }, A: { join: [], load: [] }, B: { join: [], load: [] } };
const clerk = a.page, citizen = b.page;
for (let run = 0; run <= RUNS; run++) {
  const order = ['base', 'A', 'B'].sort(() => Math.random() - 0.5);
  for (const sys of order) {
    let j: number, l: number;
    if (sys === 'base') {
      const room = `r${Math.random().toString(36).slice(2)}`; const base = `${baseline.url}/?room=${room}&ice=%7B%7D`;
      await clear(clerk, citizen);
      await clerk.goto(`${base}&role=a`); await citizen.goto(`${base}&role=b`);
      for (const p of [clerk, citizen]) await p.locator('body[data-ready="true"]').waitFor();
      await citizen.locator('#join:enabled').click();
      j = await both(citizen, clerk, BASE.click, BASE.remote);
      await clear(citizen); await citizen.goto(`${base}&role=b&auto=1`); l = await load(citizen, BASE.remote);
    } else {
      for (const p of [clerk, citizen]) await p.goto('about:blank');
      await clear(clerk, citizen);
      await citizenWaitsClerkPresent(citizen, clerk, await stacks[sys]!.book());
      await clerk.getByTestId('admit-button').first().click();
      j = await both(clerk, citizen, OURS.click, OURS.remote);
      await clear(citizen); await citizen.reload(); l = await load(citizen, OURS.remote);
    }
    if (run > 0) { res[sys]!.join.push(j); res[sys]!.load.push(l); }
  }
}
const med = (v: number[]) => { const s = [...v].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
for (const k of ['join', 'load'] as const) {
  const bm = med(res.base[k]);
  console.log(`${k}: base ${bm.toFixed(0)} | A ${med(res.A[k]).toFixed(0)} (${(med(res.A[k]) / bm).toFixed(2)}×) | B ${med(res.B[k]).toFixed(0)} (${(med(res.B[k]) / bm).toFixed(2)}×)`);
}
for (const s of Object.values(stacks)) await s.close();
await baseline.close(); await a.close(); await b.close();
