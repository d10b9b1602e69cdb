/**
 * One mediasoup Router per room, on a worker of the pool; peers get WebRtcTransports on that worker's
 * WebRtcServer. Consumers are to be created paused and resumed by the client (mediasoup's advice), and
 * `restartIce()` heals network changes.
 *
 * When the worker under a room dies, mediasoup closes the room's router with it: the room is forgotten here
 * (the next `routerFor()` makes a new router on a live worker) and `onRoomLost` listeners hear of it, so the
 * participants can be told to set up their media again (`sfu:restart`, ADR 0175).
 */
import type { types } from 'mediasoup';
import type { SfuWorkerPool, PooledWorker } from './worker-pool.ts';
import { ROOM_MEDIA_CODECS } from './codecs.ts';

interface RoomMedia {
  router: types.Router;
  host: PooledWorker;
}

export class RoomRouters {
  readonly #pool: SfuWorkerPool;
  readonly #rooms = new Map<string, Promise<RoomMedia>>();
  /** The worker of each room whose router exists. */
  readonly #hosts = new Map<string, PooledWorker>();
  readonly #lostListeners = new Set<(room: string) => void>();

  constructor(pool: SfuWorkerPool) {
    this.#pool = pool;
  }

  /** Called once per room whose router went down with its worker. */
  onRoomLost(listener: (room: string) => void): () => void {
    this.#lostListeners.add(listener);
    return () => this.#lostListeners.delete(listener);
  }

  /** The worker under the room's router has died (its producers closing now are not their owners' doing). */
  workerDied(room: string): boolean {
    return this.#hosts.get(room)?.worker.died === true;
  }

  /** The room's router, created on first use (concurrent callers share it). */
  async routerFor(room: string): Promise<types.Router> {
    return (await this.#roomMedia(room)).router;
  }

  /** A WebRtcTransport for one peer of the room, listening on the worker's WebRtcServer. */
  async createPeerTransport(room: string, peerId: string): Promise<types.WebRtcTransport> {
    const { router, host } = await this.#roomMedia(room);
    return router.createWebRtcTransport({
      webRtcServer: host.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      appData: { peerId },
    });
  }

  /** Closes the room's router (and with it every transport, producer and consumer of the room). */
  async closeRoom(room: string): Promise<void> {
    const media = this.#rooms.get(room);
    this.#rooms.delete(room);
    this.#hosts.delete(room);
    if (media) (await media).router.close();
  }

  get rooms(): number {
    return this.#rooms.size;
  }

  #roomMedia(room: string): Promise<RoomMedia> {
    let media = this.#rooms.get(room);
    if (!media) {
      const created: Promise<RoomMedia> = this.#pool.acquireWorker().then(async (host) => {
        const router = await host.worker.createRouter({ mediaCodecs: ROOM_MEDIA_CODECS, appData: { room } });
        const forget = () => {
          if (this.#rooms.get(room) !== created) return;
          this.#rooms.delete(room);
          this.#hosts.delete(room);
        };
        if (this.#rooms.get(room) === created) this.#hosts.set(room, host);
        router.observer.once('close', forget);
        // 'workerclose' comes on a worker's death and on the pool's close; only a death costs the room its media.
        router.once('workerclose', () => {
          if (!host.worker.died) return;
          forget();
          for (const listener of this.#lostListeners) listener(room);
        });
        return { router, host };
      });
      media = created;
      media.catch(() => {
        if (this.#rooms.get(room) === created) this.#rooms.delete(room);
      });
      this.#rooms.set(room, media);
    }
    return media;
  }
}
