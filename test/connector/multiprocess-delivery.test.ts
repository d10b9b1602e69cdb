/**
 * Two connector PROCESSES (`node connector/src/main.ts`) on one fresh MariaDB with one DATA_DIR (one
 * signing key) share all background work: outbound webhooks, citizen mail over a real SMTP server, and
 * admin calls to the video service. Every piece of work is claimed from the database, so the receivers
 * see each webhook-id, each mail and each revocation exactly once — while both processes do work.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createMariaDatabase, type TestDatabase } from '../support/databases.ts';
import { newSecret } from '../support/standard-webhooks.ts';
import {
  eventually,
  startAdminReceiver,
  startReceiver,
  verifyIndependently,
  type AdminReceiver,
  type Receiver,
} from './outbound-support.ts';
import { makeGenericPayload, openDatabaseProbe, postGenericWebhook, type DatabaseProbe } from './support.ts';
import { outboxesDrained } from './outbox-drained.ts';

const root = path.resolve(import.meta.dirname, '../..');

interface Child {
  process: ChildProcess;
  baseUrl: string;
  lines: string[];
}

/** Starts `node connector/src/main.ts` and resolves when it logs "listening". */
async function startChild(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['connector/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
  const port = await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`connector exited with ${child.exitCode}: ${lines.join('\n')}`);
      for (const line of lines) {
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening') return entry.port as number;
        } catch {
          // not JSON
        }
      }
      return undefined;
    },
    30_000,
    'the connector process to listen',
  );
  return { process: child, baseUrl: `http://127.0.0.1:${port}`, lines };
}

async function stopChild(child: Child | undefined): Promise<void> {
  if (!child || child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await exited;
}

/** A real SMTP server that answers every message a little slowly (so both processes overlap). */
async function startSmtp(): Promise<{
  port: number;
  messages: Array<{ to: string[]; messageId: string }>;
  close(): Promise<void>;
}> {
  const messages: Array<{ to: string[]; messageId: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '',
        });
        setTimeout(() => callback(), 15);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

const countBy = <T>(items: T[], key: (t: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

describe('two connector processes on one MariaDB', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let dataDir: string;
  let receiver: Receiver;
  let admin: AdminReceiver;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let a: Child | undefined;
  let b: Child | undefined;
  let probe: DatabaseProbe;
  const webhookSecret = newSecret();
  const outboundSecret = `whsec_${randomBytes(32).toString('base64')}`;

  before(async () => {
    db = await createMariaDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'va-multiprocess-'));
    receiver = await startReceiver({ delayMs: 10 });
    smtp = await startSmtp();
    admin = await startAdminReceiver(() => `${a!.baseUrl}/.well-known/jwks.json`);
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      GENERIC_WEBHOOK_SECRET: webhookSecret,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      OUTBOUND_WEBHOOKS: JSON.stringify([
        { name: 'booking-system', url: `${receiver.url}/va`, secret: outboundSecret },
      ]),
      ALLOW_PRIVATE_TARGETS: 'true',
      VIDEO_ADMIN_URL: admin.url,
      LOG_LEVEL: 'info',
    };
    // Both start at once: migrations, the signing key and the endpoint sync must cope with that too.
    [a, b] = await Promise.all([startChild(env), startChild(env)]);
    probe = await openDatabaseProbe(db.url);
  });
  after(async () => {
    await Promise.all([stopChild(a), stopChild(b)]);
    await probe?.close();
    await receiver?.close();
    await admin?.close();
    await smtp?.close();
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers every webhook, every mail and every revocation exactly once while both processes work', async () => {
    const jwks = await Promise.all(
      [a!, b!].map(async (c) => (await fetch(`${c.baseUrl}/.well-known/jwks.json`)).json()),
    );
    expect(jwks[0]).to.deep.equal(jwks[1], 'both processes share one signing key');

    const N = 60;
    const bookings = Array.from({ length: N }, (_, i) =>
      makeGenericPayload(
        {
          appointment: {
            citizen: {
              name: 'Erika Mustermann',
              email: `citizen-${i}-${randomUUID().slice(0, 6)}@example.org`,
              locale: 'de',
            },
          },
        },
        120,
      ),
    );
    const via = (i: number) => (i % 2 === 0 ? a! : b!);
    const created = await pool(
      bookings.map((p, i) => () => postGenericWebhook(via(i).baseUrl, webhookSecret, p)),
      8,
    );
    const errors = () =>
      [...a!.lines, ...b!.lines]
        .filter((l) => l.includes('"level":50'))
        .slice(0, 3)
        .join('\n');
    expect(
      created.filter((r) => r.status !== 200).map((r) => `${r.status} ${JSON.stringify(r.body)}`),
      errors(),
    ).to.deep.equal([]);
    // Move every third, cancel every fifth (through the other process).
    const moves = bookings.filter((_, i) => i % 3 === 0);
    const cancels = bookings.filter((_, i) => i % 5 === 0 && i % 3 !== 0);
    const changes = [
      ...moves.map(
        (p, i) => () =>
          postGenericWebhook(via(i + 1).baseUrl, webhookSecret, {
            type: 'appointment.rescheduled',
            appointment: {
              ...p.appointment,
              start: new Date(Date.parse(p.appointment.start) + 3600_000).toISOString(),
              end: new Date(Date.parse(p.appointment.end) + 3600_000).toISOString(),
            },
          }),
      ),
      ...cancels.map(
        (p, i) => () =>
          postGenericWebhook(via(i + 1).baseUrl, webhookSecret, {
            type: 'appointment.cancelled',
            appointment: { id: p.appointment.id },
          }),
      ),
    ];
    const changed = await pool(changes, 8);
    expect(changed.every((r) => r.status === 200)).to.equal(true);

    const expectedWebhooks = N + moves.length + cancels.length;
    const expectedMails = N + moves.length + cancels.length;
    const expectedAdminCalls = moves.length + cancels.length * 2;

    await receiver.waitFor(expectedWebhooks, () => true, 60_000);
    await eventually(async () => smtp.messages.length >= expectedMails || undefined, 60_000, 'all mails');
    await admin.waitFor(expectedAdminCalls, () => true, 60_000);
    // Every outbox row has left `pending`: anything sent twice would have arrived by now.
    await outboxesDrained(db.url, ['mail_outbox', 'outbound_deliveries', 'video_admin_calls'], 60_000);

    const ids = countBy(receiver.requests, (r) => String(r.headers['webhook-id']));
    expect(receiver.requests).to.have.length(expectedWebhooks);
    expect(ids.size).to.equal(expectedWebhooks);
    expect([...ids.values()].every((n) => n === 1)).to.equal(true);
    const types = countBy(
      receiver.requests.map((r) => verifyIndependently(outboundSecret, r.headers, r.body)),
      (body) => body.type,
    );
    expect(Object.fromEntries(types)).to.deep.equal({
      'appointment.linked': N + moves.length,
      'appointment.cancelled': cancels.length,
    });

    expect(smtp.messages).to.have.length(expectedMails);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).to.equal(expectedMails);
    const perCitizen = countBy(smtp.messages, (m) => m.to.join(','));
    for (const [i, p] of bookings.entries()) {
      const expected = 1 + (i % 3 === 0 ? 1 : 0) + (i % 5 === 0 && i % 3 !== 0 ? 1 : 0);
      expect(perCitizen.get(p.appointment.citizen!.email), `mails to citizen ${i}`).to.equal(expected);
    }

    expect(admin.accepted).to.have.length(expectedAdminCalls);
    const revoked = admin.accepted
      .filter((c) => c.path === '/admin/tokens/revoke')
      .flatMap((c) => c.body.jtis as string[]);
    expect(new Set(revoked).size).to.equal(revoked.length, 'no token revoked twice');
    expect(await probe.count('outbound_deliveries', { status: 'delivered' })).to.equal(expectedWebhooks);
    expect(await probe.count('video_admin_calls', { status: 'done' })).to.equal(expectedAdminCalls);

    // Both processes took part in the deliveries (the work was really shared).
    const delivered = (c: Child) => c.lines.filter((l) => l.includes('webhook delivered')).length;
    expect(delivered(a!), 'process A delivered some').to.be.greaterThan(0);
    expect(delivered(b!), 'process B delivered some').to.be.greaterThan(0);
    expect(delivered(a!) + delivered(b!)).to.equal(expectedWebhooks);
  });
});
