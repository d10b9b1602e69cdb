import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { openDatabase } from '../video-service/src/persistence/database.ts';
import { createRootLogger } from '../video-service/src/log.ts';
const dir = await mkdtemp(path.join(tmpdir(), 'orm-'));
const url = process.env.DB ?? `sqlite:${path.join(dir, 'x.sqlite')}`;
const db = await openDatabase(url, createRootLogger('warn'));
const now = new Date();
const id = 'a'.repeat(64);
await db.sessions.insert({ id, room: 'r', participantId: 'p', role: 'citizen', name: 'n', appointment: { id: 'x' } as any, tokenJti: 'j', tokenExp: now, tokenIat: now, expiresAt: now, createdAt: now });
const N = 2000;
async function bench(name: string, f: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await f();
  const c0 = process.cpuUsage(); const a = performance.now();
  for (let i = 0; i < N; i++) await f();
  const wall = (performance.now() - a) / N; const cpu = process.cpuUsage(c0); 
  console.log(name.padEnd(30), 'wall', wall.toFixed(3), 'ms  cpu', ((cpu.user + cpu.system) / 1000 / N).toFixed(3), 'ms');
}
await bench('findById (findByPk)', () => db.sessions.findById(id));
await bench('isRevoked (count)', () => db.revokedTokens.isRevoked('j'));
await bench('raw select session', () => db.sequelize.query('SELECT * FROM sessions WHERE id = ?', { replacements: [id], type: QueryTypes.SELECT }));
await bench('raw joined', () => db.sequelize.query('SELECT s.*, EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = s.token_jti) AS revoked FROM sessions s WHERE s.id = ?', { replacements: [id], type: QueryTypes.SELECT }));
await bench('SELECT 1', () => db.sequelize.query('SELECT 1', { type: QueryTypes.SELECT }));
await db.close();
