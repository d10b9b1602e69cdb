/**
 * video_admin_calls: the outbox of admin calls to the video service. `enqueue` runs inside the
 * transaction of the reschedule/cancellation (domain port VideoAdminOutbox); the worker claims due rows
 * with a lease (claim-rows.ts) and settles them conditionally on its claim token.
 */
import type { Transaction } from 'sequelize';
import type { VideoAdminCall, VideoAdminOutbox } from '../domain/outbound-ports.ts';
import type { AdminCallStore, ClaimedAdminCall } from '../video-admin/ports.ts';
import { claimRows } from './claim-rows.ts';
import type { Database } from './database.ts';
import { parseJson } from './models.ts';
import { outboundModels, type OutboundModels } from './outbound-models.ts';

/** The domain side: queue a call in the caller's transaction; `onWritten` runs after the commit. */
export function videoAdminOutbox(
  models: OutboundModels,
  transaction?: Transaction,
  onWritten?: () => void,
): VideoAdminOutbox {
  return {
    async enqueue(call, now) {
      const payload = call.kind === 'revoke_tokens' ? { jtis: call.jtis } : { room: call.room };
      await models.AdminCall.create(
        {
          kind: call.kind,
          appointmentId: call.appointmentId,
          payload,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          giveUpAt: call.giveUpAt,
          createdAt: now,
        },
        { transaction },
      );
      if (onWritten) {
        if (transaction) transaction.afterCommit(onWritten);
        else onWritten();
      }
    },
  };
}

/** The worker side: claim and settle. */
export function videoAdminCallRepository(db: Database): AdminCallStore {
  const { AdminCall } = outboundModels(db.sequelize);
  return {
    claimDue(owner, now, leaseMs, limit) {
      return db.exclusive(async () => {
        const { claimToken, rows } = await claimRows(AdminCall, { owner, now, leaseMs, limit });
        return rows.map((r): ClaimedAdminCall => {
          const payload = parseJson<{ jtis?: string[]; room?: string }>(r.payload);
          const base = {
            id: r.id,
            claimToken,
            attempts: r.attempts,
            appointmentId: r.appointmentId ?? '',
            giveUpAt: new Date(r.giveUpAt),
          };
          const call: VideoAdminCall =
            r.kind === 'revoke_tokens'
              ? {
                  kind: 'revoke_tokens',
                  jtis: payload.jtis ?? [],
                  appointmentId: base.appointmentId,
                  giveUpAt: base.giveUpAt,
                }
              : {
                  kind: 'close_room',
                  room: payload.room ?? '',
                  appointmentId: base.appointmentId,
                  giveUpAt: base.giveUpAt,
                };
          return { ...call, ...base };
        });
      });
    },
    settle(call, outcome) {
      return db.exclusive(async () => {
        const attempts = call.attempts + 1;
        const release = { claimedBy: null, claimedUntil: null, attempts, lastStatusCode: outcome.statusCode };
        const changes =
          outcome.kind === 'done'
            ? { ...release, status: 'done' as const, doneAt: outcome.at, lastError: null }
            : outcome.kind === 'retry'
              ? { ...release, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error.slice(0, 300) }
              : { ...release, status: 'expired' as const, doneAt: outcome.at, lastError: outcome.error.slice(0, 300) };
        const [won] = await AdminCall.update(changes, { where: { id: call.id, claimedBy: call.claimToken } });
        return won > 0;
      });
    },
  };
}
