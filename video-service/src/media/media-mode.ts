/**
 * Chooses how media flows, once at start-up (MEDIA_MODE): `p2p` never starts a worker; `sfu` requires a
 * mediasoup worker and fails start-up without one; `auto` tries one worker and falls back to peer-to-peer.
 * The choice and its reason go to the log and to /readyz, and with the SFU how many of its workers live
 * now (`mediaHealth()`): a service whose every worker is dead is not ready (ADR 0175).
 */
import type { MediaMode } from '../contract/signalling.ts';
import type { MediaModeSetting, VideoConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Sfu } from './sfu/index.ts';
import type { WorkerPoolStatus } from './sfu/worker-pool.ts';

export interface MediaRuntime {
  mode: MediaMode;
  /** Human-readable why, e.g. "MEDIA_MODE=auto: no mediasoup worker (spawn … ENOENT); using peer-to-peer". */
  reason: string;
  /** Present in SFU mode. */
  sfu: Sfu | undefined;
  /**
   * `MEDIA_MODE=auto` with the SFU: once every worker slot is given up, new calls use peer-to-peer rather than
   * an SFU without workers (`currentMode()`).
   */
  fallBackToP2p?: boolean;
  close(): void;
}

export class MediaStartError extends Error {
  override readonly name = 'MediaStartError';
}

function runtime(mode: MediaMode, reason: string, sfu?: Sfu): MediaRuntime {
  return { mode, reason, sfu, close: () => sfu?.close() };
}

/** Starts the media side according to `setting`; throws `MediaStartError` for `sfu` without a worker. */
export async function startMedia(
  setting: MediaModeSetting,
  sfuOptions: VideoConfig['mediasoup'],
  log: Logger,
): Promise<MediaRuntime> {
  if (setting === 'p2p') {
    const media = runtime('p2p', 'MEDIA_MODE=p2p');
    log.info({ mode: media.mode, reason: media.reason }, 'startMedia() | media mode chosen');
    return media;
  }
  let media: MediaRuntime;
  try {
    const { startSfu } = await import('./sfu/index.ts');
    const sfu = await startSfu({ ...sfuOptions, log });
    media = {
      ...runtime('sfu', `MEDIA_MODE=${setting}: ${sfu.pool.size} mediasoup worker(s) started`, sfu),
      fallBackToP2p: setting === 'auto',
    };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (setting === 'sfu')
      throw new MediaStartError(`MEDIA_MODE=sfu but no mediasoup worker could start: ${why}`, { cause: error });
    media = runtime('p2p', `MEDIA_MODE=auto: no mediasoup worker could start (${why}); using peer-to-peer`);
  }
  log.info({ mode: media.mode, reason: media.reason }, 'startMedia() | media mode chosen');
  return media;
}

/**
 * How many people one call may hold in this mode: a peer-to-peer mesh makes every browser send to every
 * other (P2P_MAX_PARTICIPANTS, 4 by default: citizen, clerk, interpreter and one more); the SFU forwards
 * (SFU_MAX_PARTICIPANTS).
 */
export function roomCapacity(mode: MediaMode, limits: { p2p: number; sfu: number }): number {
  return mode === 'sfu' ? limits.sfu : limits.p2p;
}

/** What /readyz says about media. */
export interface MediaHealth {
  mode: MediaMode;
  reason: string;
  /** False in SFU mode while no worker is live: rooms here would get no media. */
  ready: boolean;
  /** SFU mode: live workers of those configured, replacements so far, slots restarting or given up. */
  workers?: WorkerPoolStatus;
}

type MediaView = Pick<MediaRuntime, 'mode' | 'reason' | 'sfu' | 'fallBackToP2p'>;

/** Every worker slot given up (none live, none coming back). */
function sfuGivenUp(media: MediaView): boolean {
  const workers = media.sfu?.pool.status();
  return workers !== undefined && workers.live === 0 && workers.restarting.length === 0;
}

/**
 * The mode for calls now: the start-up choice, except that `auto` turns to peer-to-peer once every worker
 * slot is given up (a room then gets a working mesh instead of an SFU without workers; ADR 0175). While a
 * worker is being replaced the SFU stays (the replacement takes well under a second).
 */
export function currentMode(media: MediaView): MediaMode {
  return media.fallBackToP2p && sfuGivenUp(media) ? 'p2p' : media.mode;
}

/** The start-up choice and, in SFU mode, the workers as they are now. */
export function mediaHealth(media: MediaView): MediaHealth {
  const pool = media.sfu?.pool;
  if (!pool) return { mode: media.mode, reason: media.reason, ready: true };
  const workers = pool.status();
  if (currentMode(media) === 'p2p') {
    const reason = `${media.reason}; every mediasoup worker given up after too many deaths: new calls use peer-to-peer (restart the service)`;
    return { mode: 'p2p', reason, ready: true, workers };
  }
  const problems = [
    ...(workers.restarting.length > 0 ? [`restarting slot ${workers.restarting.join(', ')}`] : []),
    ...(workers.down.length > 0
      ? [`slot ${workers.down.join(', ')} given up after too many worker deaths (restart the service)`]
      : []),
  ];
  const reason =
    workers.live === workers.configured
      ? media.reason
      : `${media.reason}; now ${workers.live} of ${workers.configured} live: ${problems.join('; ')}`;
  return { mode: media.mode, reason, ready: workers.live > 0, workers };
}
