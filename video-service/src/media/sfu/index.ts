/** The SFU: a worker pool, per-room routers and the per-participant media state. Loaded only when MEDIA_MODE allows it. */
import type { Logger } from '../../log.ts';
import { SfuWorkerPool, type WorkerPoolOptions } from './worker-pool.ts';
import { RoomRouters } from './room-routers.ts';
import { deriveAnnouncedAddress, type Lookup } from './announced-address.ts';

export { SfuWorkerPool, RoomRouters };
export { SfuRooms } from './sfu-rooms.ts';

export interface Sfu {
  pool: SfuWorkerPool;
  routers: RoomRouters;
  close(): void;
}

export type SfuOptions = Omit<WorkerPoolOptions, 'log'> & { log: Logger; publicUrl: string; lookup?: Lookup };

/** Starts the SFU; throws when no mediasoup worker can start or no reachable address can be announced. */
export async function startSfu(options: SfuOptions): Promise<Sfu> {
  const announcedAddress = await deriveAnnouncedAddress(options, options.lookup);
  if (announcedAddress !== options.announcedAddress) {
    options.log.info(
      { announcedAddress, listenIp: options.listenIp },
      'startSfu() | announced address derived from PUBLIC_URL',
    );
  }
  const pool = await SfuWorkerPool.create({ ...options, announcedAddress });
  return { pool, routers: new RoomRouters(pool), close: () => pool.close() };
}
