/** Scratch: per-event timelines of the reload (ours vs baseline). node .scratch/timeline.ts [runs] */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.ts';
import { citizenWaitsClerkPresent } from '../test/e2e/support/media-call.ts';
import { installMediaProbe, firstFrameAt, waitFor } from '../test/e2e/support/media-probes.ts';
import { startMediaStack } from '../test/e2e/support/media-stack.ts';
import { startBaseline } from '../test/bench/baseline/server.ts';

const RUNS = Number(process.argv[2] ?? 10);
const JOIN = process.env.JOIN === '1';
const OURS = { remote: '[data-testid="remote-video"]', click: '[data-testid="admit-button"]' };
const BASE = { remote: '#remote', click: '#join' };

async function trace(page: Page) {
  await page.addInitScript(() => {
    const ev: [number, string][] = [];
    (window as any).__tl = ev;
    const t = (name: string) => ev.push([performance.timeOrigin + performance.now(), name]);
    t('init');
    for (const k of ['bu', 'ph', 'ph<']) { const v = sessionStorage.getItem('__' + k); if (v) { ev.push([Number(v), 'old ' + k]); sessionStorage.removeItem('__' + k); } }
    addEventListener('beforeunload', () => sessionStorage.setItem('__bu', String(performance.timeOrigin + performance.now())));
    addEventListener('pagehide', () => { sessionStorage.setItem('__ph', String(performance.timeOrigin + performance.now())); queueMicrotask(() => sessionStorage.setItem('__ph<', String(performance.timeOrigin + performance.now()))); });
    document.addEventListener('DOMContentLoaded', () => t('DCL'));
    const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (c) => { t('gUM>'); const s = await gum(c); t('gUM<'); return s; };
    const WS = window.WebSocket;
    window.WebSocket = class extends WS {
      constructor(u: string | URL, p?: string | string[]) {
        super(u, p); t('ws new');
        this.addEventListener('open', () => t('ws open'));
        this.addEventListener('message', (e) => t('ws< ' + String(e.data).slice(0, 28).replace(/\{"sid.*/, '{sid')));
      }
      send(d: any) { t('ws> ' + String(d).slice(0, 28).replace(/\{"sid.*/, '{sid').replace(/^40\{.*/, '40{auth')); super.send(d); }
    } as any;
    const f = window.fetch;
    window.fetch = async (...a) => { const u = String(a[0] instanceof Request ? a[0].url : a[0]).replace(/^https?:\/\/[^/]+/, ''); t('fetch> ' + u); const r = await f(...a); t('fetch< ' + u); return r; };
    const PC = window.RTCPeerConnection;
    const wrap = (pc: any, name: string) => { const o = pc[name].bind(pc); pc[name] = async (...a: any[]) => { t(name + '> ' + (a[0]?.type ?? '')); const r = await o(...a); t(name + '< ' + (a[0]?.type ?? '')); return r; }; };
    window.RTCPeerConnection = class extends PC {
      constructor(c?: RTCConfiguration) { t('pc new>'); super(c); t('pc new<');
        for (const n of ['setLocalDescription', 'setRemoteDescription', 'createOffer', 'createAnswer']) wrap(this, n);
        this.addEventListener('connectionstatechange', () => t('pc ' + this.connectionState));
        this.addEventListener('track', (e) => t('track ' + e.track.kind));
        this.addEventListener('negotiationneeded', () => t('negneeded'));
      }
    } as any;
    const seen = new Set<string>();
    new MutationObserver(() => { for (const sel of ['[data-testid="call-view"]', '[data-testid="remote-video"]', '[data-testid="waiting-room"]', '#remote']) { if (!seen.has(sel) && document.querySelector(sel)) { seen.add(sel); t('dom ' + sel); } } }).observe(document, { childList: true, subtree: true });
    const desc = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject')!;
    Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', { get() { return desc.get!.call(this); }, set(v) { t('srcObject ' + ((this as any).dataset?.testid ?? this.id) + (v ? '' : ' null')); desc.set!.call(this, v); if (v && !(this as any).__l) { (this as any).__l = 1; const n = (this as any).dataset?.testid ?? this.id; for (const e of ['loadedmetadata', 'playing']) this.addEventListener(e, () => t(e + ' ' + n)); } } });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) ev.push([performance.timeOrigin + e.startTime, `longtask ${e.duration.toFixed(0)}`]); }).observe({ type: 'longtask', buffered: true });
  });
}
async function events(page: Page, origin: number) {
  const ev: [number, string][] = await page.evaluate(() => (window as any).__tl ?? []);
  const res: [number, string][] = await page.evaluate(() => performance.getEntriesByType('resource').map((r: any) => [performance.timeOrigin + r.responseEnd, 'res< ' + r.name.replace(/^https?:\/\/[^/]+/, '').slice(0, 40)] as [number, string]));
  const nav: any = await page.evaluate(() => { const n: any = performance.getEntriesByType('navigation')[0]; return { rs: n.responseStart, de: n.domInteractive }; });
  return [...ev, ...res, [origin + nav.rs, 'nav responseStart'] as [number, string]].map(([at, n]) => [at - origin, n] as [number, string]);
}
async function clear(...pages: Page[]) { for (const p of pages) { const c = await p.context().newCDPSession(p); await c.send('Network.clearBrowserCache'); await c.detach(); } }

const a = await launchBrowser(); const b = await launchBrowser();
for (const x of [a, b]) { await installMediaProbe(x.page, { frames: [OURS.remote, BASE.remote], clicks: [OURS.click, BASE.click] }); await trace(x.page); }
const baseline = await startBaseline();
const stack = await startMediaStack({ videoEnv: { SESSION_RATE_LIMIT_PER_MINUTE: '100000' } });
const agg: Record<string, Record<string, number[]>> = { ours: {}, base: {} };
const totals: Record<string, number[]> = { ours: [], base: [] };
function add(sys: string, side: string, ev: [number, string][]) {
  const seen = new Set<string>();
  for (const [t, n] of ev.sort((x, y) => x[0] - y[0])) { const k = `${side} ${n}`; let kk = k; let i = 2; while (seen.has(kk)) kk = `${k} #${i++}`; seen.add(kk); (agg[sys]![kk] ??= []).push(t); }
}
for (let run = 0; run <= RUNS; run++) {
  for (const sys of run % 2 ? ['ours', 'base'] : ['base', 'ours']) {
    const clerk = a.page, citizen = b.page;
    if (sys === 'ours') {
      for (const p of [clerk, citizen]) await p.goto('about:blank');
      await clear(clerk, citizen);
      await citizenWaitsClerkPresent(citizen, clerk, await stack.book());
      if (JOIN) for (const p of [clerk, citizen]) await p.evaluate(() => { (window as any).__tl.length = 0; });
      await clerk.getByTestId('admit-button').first().click();
      await waitFor('f', () => firstFrameAt(citizen, OURS.remote)); await waitFor('f', () => firstFrameAt(clerk, OURS.remote));
      if (JOIN) { await joinReport(sys, run, clerk, citizen, OURS); continue; }
      await clerk.evaluate(() => { (window as any).__tl.length = 0; });
      await clear(citizen);
      await citizen.reload();
    } else {
      const room = `r${Math.random().toString(36).slice(2)}`;
      const base = `${baseline.url}/?room=${room}&ice=%7B%7D`;
      await clear(clerk, citizen);
      await clerk.goto(`${base}&role=a`); await citizen.goto(`${base}&role=b`);
      for (const p of [clerk, citizen]) await p.locator('body[data-ready="true"]').waitFor();
      if (JOIN) for (const p of [clerk, citizen]) await p.evaluate(() => { (window as any).__tl.length = 0; });
      await citizen.locator('#join:enabled').click();
      await waitFor('f', () => firstFrameAt(citizen, BASE.remote)); await waitFor('f', () => firstFrameAt(clerk, BASE.remote));
      if (JOIN) { await joinReport(sys, run, citizen, clerk, BASE); continue; }
      await clerk.evaluate(() => { (window as any).__tl.length = 0; });
      await clear(citizen);
      await citizen.goto(`${base}&role=b&auto=1`);
    }
    const sel = sys === 'ours' ? OURS.remote : BASE.remote;
    const frame = await waitFor('frame', () => firstFrameAt(citizen, sel), 30000);
    await new Promise((r) => setTimeout(r, 300));
    const origin = await citizen.evaluate(() => performance.timeOrigin);
    const total = frame - origin;
    if (run === 0) continue;
    totals[sys]!.push(total);
    add(sys, 'CIT', [...await events(citizen, origin), [total, 'FIRST FRAME']]);
    add(sys, 'CLK', await events(clerk, origin));
    if (process.env.PERRUN) console.log(sys, total.toFixed(0));
  }
}
async function joinReport(sys: string, run: number, clicker: Page, other: Page, sel: { remote: string; click: string }) {
  await new Promise((r) => setTimeout(r, 300));
  const { clickedAt } = await import('../test/e2e/support/media-probes.ts');
  const click = (await clickedAt(clicker, sel.click))!;
  const f1 = (await firstFrameAt(clicker, sel.remote))!, f2 = (await firstFrameAt(other, sel.remote))!;
  if (run === 0) return;
  totals[sys]!.push(Math.max(f1, f2) - click);
  const clerkPage = sys === 'ours' ? clicker : other, citPage = sys === 'ours' ? other : clicker;
  const ev = async (p: Page) => ((await p.evaluate(() => (window as any).__tl)) as [number, string][]).map(([t, n]) => [t - click, n] as [number, string]);
  add(sys, 'CIT', [...await ev(citPage), [(sys === 'ours' ? f2 : f1) - click, 'FIRST FRAME']]);
  add(sys, 'CLK', [...await ev(clerkPage), [(sys === 'ours' ? f1 : f2) - click, 'FIRST FRAME']]);
}
const med = (v: number[]) => { const s = [...v].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]!; };
for (const sys of ['base', 'ours']) {
  console.log(`\n=== ${sys}: total median ${med(totals[sys]!).toFixed(0)} ms`);
  const rows = Object.entries(agg[sys]!).filter(([, v]) => v.length >= RUNS / 2).map(([k, v]) => [med(v), k, v.length] as const).sort((x, y) => x[0] - y[0]);
  for (const [m, k, n] of rows) if (m > -50 && m < 1500) console.log(`${m.toFixed(1).padStart(7)}  ${k}${n < RUNS ? ` (${n})` : ''}`);
}
await stack.close(); await baseline.close(); await a.close(); await b.close();
