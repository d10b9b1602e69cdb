import { startMediaStack } from '../test/e2e/support/media-stack.ts';
const stack = await startMediaStack({});
const html = await (await fetch(`${stack.videoUrl}/join`)).text();
const assets = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
const time = async (u: string) => { const a = performance.now(); const r = await fetch(stack.videoUrl + u); await r.arrayBuffer(); return performance.now() - a; };
for (const u of ['/join', ...assets]) { const ts: number[] = []; for (let i = 0; i < 40; i++) ts.push(await time(u)); ts.sort((a, b) => a - b); console.log(u, ts[20]!.toFixed(2)); }
await stack.close();
