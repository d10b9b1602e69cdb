/**
 * "Nothing more will be sent": waits until the connector's three outboxes — citizen mails (`mail_outbox`),
 * outbound webhook deliveries (`outbound_deliveries`) and admin calls to the video service
 * (`video_admin_calls`) — hold no pending row.
 *
 * A test that asserts "exactly N arrived, no duplicate" checks after this instead of after a fixed sleep. A row
 * leaves `pending` only after its send was answered (or given up), so once none is pending every send that will
 * ever happen has happened. A sleep can be too short on a loaded machine (the test passes although a duplicate
 * was on its way) and is always too long on an idle one.
 */
import { openDatabaseProbe } from './support.ts';

export type Outbox = 'mail_outbox' | 'outbound_deliveries' | 'video_admin_calls';

/**
 * Resolves once the named outboxes of the connector at `databaseUrl` hold no pending row; throws after
 * `timeoutMs`. Name only the outboxes whose sends the test can complete: without a video service, admin calls
 * stay pending (retried) until they give up.
 */
export async function outboxesDrained(databaseUrl: string, outboxes: Outbox[], timeoutMs = 15_000): Promise<void> {
  const probe = await openDatabaseProbe(databaseUrl);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending: Record<string, number> = {};
      for (const table of outboxes) pending[table] = await probe.count(table, { status: 'pending' });
      if (Object.values(pending).every((n) => n === 0)) return;
      if (Date.now() > deadline)
        throw new Error(`outboxes still hold pending rows after ${timeoutMs} ms: ${JSON.stringify(pending)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    await probe.close();
  }
}
