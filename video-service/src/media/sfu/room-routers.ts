/**
 * One mediasoup Router per room, on a worker of the pool; peers get WebRtcTransports on that worker's
 * WebRtcServer. Consumers are to be created paused and resumed by the client (mediasoup's advice), and
 * `restartIce()` heals network changes.
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

  constructor(pool: SfuWorkerPool) {
    this.#pool = pool;
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
    if (media) (await media).router.close();
  }

  get rooms(): number {
    return this.#rooms.size;
  }

  #roomMedia(room: string): Promise<RoomMedia> {
    let media = this.#rooms.get(room);
    if (!media) {
      const host = this.#pool.nextWorker();
      media = host.worker.createRouter({ mediaCodecs: ROOM_MEDIA_CODECS, appData: { room } }).then((router) => {
        router.observer.once('close', () => this.#rooms.delete(room));
        return { router, host };
      });
      media.catch(() => this.#rooms.delete(room));
      this.#rooms.set(room, media);
    }
    return media;
  }
}
