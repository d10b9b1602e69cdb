/** The SFU: a worker pool, per-room routers and the per-participant media state. Loaded only when MEDIA_MODE allows it. */
import type { Logger } from '../../log.ts';
import { SfuWorkerPool, type WorkerPoolOptions } from './worker-pool.ts';
import { RoomRouters } from './room-routers.ts';

export { SfuWorkerPool, RoomRouters };
export { SfuRooms } from './sfu-rooms.ts';

export interface Sfu {
  pool: SfuWorkerPool;
  routers: RoomRouters;
  close(): void;
}

/** Starts the SFU; throws when no mediasoup worker can start. */
export async function startSfu(options: Omit<WorkerPoolOptions, 'log'> & { log: Logger }): Promise<Sfu> {
  const pool = await SfuWorkerPool.create(options);
  return { pool, routers: new RoomRouters(pool), close: () => pool.close() };
}
