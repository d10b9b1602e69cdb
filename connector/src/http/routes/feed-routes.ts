/**
 * `POST /api/feeds/<name>/sync` (`Authorization: Bearer <one of API_KEYS>`): polls that iCal feed now
 * and answers what changed — `{ feed, status: 'changed' | 'not_modified' | 'error', created,
 * rescheduled, cancelled, failed, error? }`, each change as `{ externalId, appointmentId }`.
 * A poll that fails (feed unreachable, garbage) is still a completed request: 200 with status `error`.
 * 404 `feed_not_found`, 409 `feed_busy` when another connector process holds the feed for over 30 s.
 */
import { Router } from 'express';
import type { FeedSyncResult } from '../../feeds/poll-feed.ts';
import { requireApiKey } from '../api-key-auth.ts';

/** What the route needs: the poller's `syncNow`. */
export interface FeedSync {
  syncNow(name: string): Promise<FeedSyncResult>;
}

export function feedRoutes(feeds: FeedSync, apiKeys: readonly string[]): Router {
  const router = Router();
  router.post('/api/feeds/:name/sync', requireApiKey(apiKeys), async (req, res) => {
    res.status(200).json(await feeds.syncNow(String(req.params.name)));
  });
  return router;
}
