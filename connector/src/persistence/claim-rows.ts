/**
 * Claiming work from a table so that several connector processes on one database never do the same
 * thing twice (the same scheme as the mail outbox): read a few due ids, then one conditional UPDATE sets
 * `claimed_by` to a token unique to this claim and `claimed_until` to the lease's end — only on rows that
 * are still claimable — and finally the rows carrying that token are read back. The database decides
 * every race (each row is updated by exactly one statement); a claimer that dies loses its rows when the
 * lease runs out. Everything after a claim is conditional on the token (`WHERE claimed_by = token`), so
 * a claim that was lost can never overwrite the winner's result.
 */
import { randomUUID } from 'node:crypto';
import { Op, type Model, type ModelStatic, type Transaction, type WhereOptions } from 'sequelize';

/** `status = pending`, due, and no live lease. */
export function claimableWhere(now: Date): WhereOptions {
  return {
    status: 'pending',
    nextAttemptAt: { [Op.lte]: now },
    [Op.or]: [{ claimedUntil: null }, { claimedUntil: { [Op.lt]: now } }],
  };
}

/**
 * Claims up to `limit` due rows of `model` for `leaseMs`.
 * @param extraWhere narrows the candidates (e.g. only enabled endpoints).
 * @returns the claimed rows (plain objects) and the claim token to pass to every later update.
 */
export async function claimRows<M extends Model>(
  model: ModelStatic<M>,
  options: {
    owner: string;
    now: Date;
    leaseMs: number;
    limit: number;
    extraWhere?: WhereOptions;
    transaction?: Transaction;
  },
): Promise<{ claimToken: string; rows: Array<M['_attributes']> }> {
  const { owner, now, leaseMs, limit, extraWhere, transaction } = options;
  const claimToken = `${owner}:${randomUUID()}`;
  const where = { ...claimableWhere(now), ...(extraWhere as object) } as WhereOptions;
  const candidates = await model.findAll({
    attributes: ['id'],
    where,
    order: [
      ['nextAttemptAt', 'ASC'],
      ['id', 'ASC'],
    ],
    limit,
    transaction,
  });
  if (!candidates.length) return { claimToken, rows: [] };
  const ids = candidates.map((c) => c.get('id') as number);
  const lease = {
    claimedBy: claimToken,
    claimedUntil: new Date(now.getTime() + leaseMs),
  } as unknown as M['_attributes'];
  const [won] = await model.update(lease, { where: { ...where, id: { [Op.in]: ids } } as WhereOptions, transaction });
  if (won === 0) return { claimToken, rows: [] };
  const rows = await model.findAll({
    where: { claimedBy: claimToken } as WhereOptions,
    order: [['id', 'ASC']],
    transaction,
  });
  return { claimToken, rows: rows.map((r) => r.get({ plain: true }) as M['_attributes']) };
}
