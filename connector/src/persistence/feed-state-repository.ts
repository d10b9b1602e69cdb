/**
 * feed_state: one row per configured feed. A poll is claimed like outbox rows are (claim-rows.ts): one
 * conditional UPDATE sets `claimed_by` to a token unique to this claim, only where no live lease
 * exists, so two connector processes can never poll the same feed at once; a claimer that dies loses
 * the feed when its lease runs out. Every later write is conditional on the token.
 */
import { randomUUID } from 'node:crypto';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { FeedState, FeedStateRepository } from '../domain/feed-ports.ts';
import type { FeedModels, FeedStateRow } from './feed-models.ts';

export function feedStateRepository(models: FeedModels, transaction?: Transaction): FeedStateRepository {
  const { FeedState: Model } = models;
  return {
    async ensure(feed, now) {
      if (await Model.findByPk(feed, { attributes: ['feed'], transaction })) return;
      try {
        await Model.create({ feed, nextPollAt: now, updatedAt: now }, { transaction });
      } catch (err) {
        if (!(err instanceof UniqueConstraintError)) throw err;
      }
    },

    async claim(feed, owner, now, leaseMs, dueOnly) {
      const token = `${owner}:${randomUUID()}`;
      const [won] = await Model.update(
        { claimedBy: token, claimedUntil: new Date(now.getTime() + leaseMs), updatedAt: now },
        {
          where: {
            feed,
            [Op.or]: [{ claimedUntil: null }, { claimedUntil: { [Op.lt]: now } }],
            ...(dueOnly ? { nextPollAt: { [Op.lte]: now } } : {}),
          },
          transaction,
        },
      );
      if (won === 0) return null;
      const row = await Model.findOne({ where: { feed, claimedBy: token }, transaction });
      return row ? { token, state: toState(row.get({ plain: true })) } : null;
    },

    async renew(feed, token, until) {
      const [count] = await Model.update({ claimedUntil: until }, { where: { feed, claimedBy: token }, transaction });
      return count > 0;
    },

    async release(feed, token, outcome) {
      await Model.update(
        { ...outcome, claimedBy: null, claimedUntil: null, updatedAt: new Date() },
        { where: { feed, claimedBy: token }, transaction },
      );
    },
  };
}

const dateOrNull = (d: Date | null) => (d ? new Date(d) : null);

function toState(r: FeedStateRow): FeedState {
  return {
    feed: r.feed,
    etag: r.etag,
    lastModified: r.lastModified,
    contentHash: r.contentHash,
    reconciledAt: dateOrNull(r.reconciledAt),
    nextPollAt: new Date(r.nextPollAt),
    lastPolledAt: dateOrNull(r.lastPolledAt),
    lastStatus: r.lastStatus,
    lastError: r.lastError,
  };
}
