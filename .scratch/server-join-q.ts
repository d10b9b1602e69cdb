/** Scratch: server time of a citizen's reconnect (handshake, room:join) with a clerk present. */
import { connectSocket, createSigningKey, openSession, request, roomTokens, startVideoService } from '../test/video-service/support.ts';
import './count-queries.ts';
const N = Number(process.argv[2] ?? 60);
const key = createSigningKey();
const db = process.env.DB;
const svc = await startVideoService({ keys: [key], env: { SESSION_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'warn' }, ...(db ? { databaseUrl: db } : {}) });
const t = roomTokens(key);
const clerkS = await openSession(svc.baseUrl, t.clerk);
const citS = await openSession(svc.baseUrl, t.citizen);
const clerk = await connectSocket(svc.baseUrl, { session: clerkS.sessionToken });
await request(clerk, 'room:join', {});
let cit = await connectSocket(svc.baseUrl, { session: citS.sessionToken });
await request(cit, 'room:join', {});
console.log(await request(clerk, 'lobby:admit', { participantId: t.citizenId }));
const hs: number[] = [], js: number[] = [];
for (let i = 0; i < N; i++) {
  cit.close();
  await new Promise((r) => setTimeout(r, 30));
  const a = performance.now();
  cit = await connectSocket(svc.baseUrl, { session: citS.sessionToken });
  const b = performance.now();
  const r = await request(cit, 'room:join', {});
  const c = performance.now();
  if (!r.ok) throw new Error(JSON.stringify(r));
  if (i === N - 1) { console.log((globalThis as any).__q.splice(0).join('\n')); }
  else if (i === N - 2) (globalThis as any).__q.length = 0;
  hs.push(b - a); js.push(c - b);
  // a chat message now and then, as a call has
  if (i % 10 === 0) await request(clerk, 'chat:send', { text: `msg ${i}` });
}
const med = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)]!.toFixed(1);
const p90 = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length * 0.9)]!.toFixed(1);
console.log(`handshake median ${med(hs)} p90 ${p90(hs)}; room:join median ${med(js)} p90 ${p90(js)}`);
cit.close(); clerk.close(); await svc.close();
