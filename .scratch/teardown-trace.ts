/** Scratch: Chromium trace of the reload, ours vs baseline: main-thread tasks of the citizen's renderer from navigation to first frame. */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.ts';
import { citizenWaitsClerkPresent } from '../test/e2e/support/media-call.ts';
import { installMediaProbe, firstFrameAt, waitFor } from '../test/e2e/support/media-probes.ts';
import { startMediaStack } from '../test/e2e/support/media-stack.ts';
import { startBaseline } from '../test/bench/baseline/server.ts';
const SYS = process.argv[2] ?? 'ours';
const OURS = { remote: '[data-testid="remote-video"]' }, BASE = { remote: '#remote' };
const a = await launchBrowser(); const b = await launchBrowser();
for (const x of [a, b]) await installMediaProbe(x.page, { frames: [OURS.remote, BASE.remote] });
await b.page.addInitScript(() => { const A = window.AudioContext; (window as any).__ac = []; window.AudioContext = class extends A { constructor(o?: AudioContextOptions) { super(o); (window as any).__ac.push(this); } } as any; });
const baseline = await startBaseline();
const stack = await startMediaStack({ videoEnv: { SESSION_RATE_LIMIT_PER_MINUTE: '100000' } });
const clerk = a.page, citizen = b.page;
async function clear(...pages: Page[]) { for (const p of pages) { const c = await p.context().newCDPSession(p); await c.send('Network.clearBrowserCache'); await c.detach(); } }
for (let run = 0; run < Number(process.argv[3] ?? 3); run++) {
  let reload: () => Promise<unknown>;
  if (SYS === 'ours') {
    for (const p of [clerk, citizen]) await p.goto('about:blank');
    await citizenWaitsClerkPresent(citizen, clerk, await stack.book());
    await clerk.getByTestId('admit-button').first().click();
    await waitFor('f', () => firstFrameAt(citizen, OURS.remote));
    reload = () => citizen.reload();
  } else {
    const room = `r${Math.random().toString(36).slice(2)}`;
    const base = `${baseline.url}/?room=${room}&ice=%7B%7D`;
    await clerk.goto(`${base}&role=a`); await citizen.goto(`${base}&role=b`);
    for (const p of [clerk, citizen]) await p.locator('body[data-ready="true"]').waitFor();
    await citizen.locator('#join:enabled').click();
    await waitFor('f', () => firstFrameAt(citizen, BASE.remote));
    reload = () => citizen.goto(`${base}&role=b&auto=1`);
  }
  const exp = process.env.EXP ?? '';
  const info = await citizen.evaluate((exp) => {
    const vids = [...document.querySelectorAll('video')];
    const pcs = (window as any).__vaMedia.pcs.filter((p: RTCPeerConnection) => p.connectionState !== 'closed');
    const ac = (window as any).__ac ?? [];
    const out = `videos ${vids.length} (${vids.filter((v) => v.srcObject).length} with stream) pcs ${pcs.length} audioctx ${ac.filter((c: AudioContext) => c.state !== 'closed').length} tracks ${vids.flatMap((v) => (v.srcObject as MediaStream | null)?.getTracks() ?? []).length}`;
    if (exp.includes('v')) for (const v of vids) { v.srcObject = null; }
    if (exp.includes('d')) for (const v of vids) v.remove();
    if (exp.includes('t')) for (const v of vids) for (const tr of (v.srcObject as MediaStream | null)?.getTracks() ?? []) tr.stop();
    if (exp.includes('p')) for (const p of pcs) p.close();
    if (exp.includes('a')) for (const c of ac) void c.close();
    if (exp.includes('h')) addEventListener('pagehide', () => { for (const p of pcs) p.close(); });
    if (exp.includes('b')) document.body.innerHTML = '';
    return out;
  }, exp);
  if (exp && !exp.includes('h')) await new Promise((r) => setTimeout(r, 100));
  await clear(citizen);
  const cdp = await citizen.context().newCDPSession(citizen);
  const events: any[] = [];
  cdp.on('Tracing.dataCollected', (e: any) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'toplevel', 'v8', 'loading', 'navigation', 'webrtc', 'media', 'content', 'renderer', 'renderer.scheduler', 'gpu', '__metadata'] } });
  const t0 = Date.now();
  await reload();
  const frame = await waitFor('frame', () => firstFrameAt(citizen, SYS === 'ours' ? OURS.remote : BASE.remote), 30000);
  await new Promise((r) => setTimeout(r, 200));
  await cdp.send('Tracing.end'); await done; await cdp.detach();
  writeFileSync(`/tmp/trace-${SYS}-${run}.json`, JSON.stringify({ traceEvents: events }));
  const det = events.filter((e) => e.name === 'LocalFrame::DetachImpl' && e.ph === 'X').sort((x, y) => y.dur - x.dur)[0];
  const fd = events.filter((e) => e.name === 'LocalDOMWindow::FrameDestroyed' && e.ph === 'X').sort((x, y) => y.dur - x.dur)[0];
  console.log(info, 'detach', (det?.dur / 1000).toFixed(1), 'frameDestroyed', (fd?.dur / 1000).toFixed(1));
  console.log(SYS, run, 'frame after', (frame - t0).toFixed(0), 'events', events.length);
}
await stack.close(); await baseline.close(); await a.close(); await b.close();
