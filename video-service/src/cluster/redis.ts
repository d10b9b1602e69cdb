/**
 * Redis connections for several processes (REDIS_URL): one client for commands and publishing, one
 * duplicate for subscribing (the socket.io Redis adapter needs both). `close()` is safe to call twice.
 */
import { createClient } from 'redis';
import { errorFields, type Logger } from '../log.ts';

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnections {
  client: RedisClient;
  subscriber: RedisClient;
  close(): Promise<void>;
}

/** Connects both clients; rejects when Redis cannot be reached at start-up (fail fast). */
export async function connectRedis(url: string, log: Logger): Promise<RedisConnections> {
  const client: RedisClient = createClient({ url, socket: { connectTimeout: 5000 } });
  const subscriber: RedisClient = client.duplicate();
  for (const [name, c] of [
    ['client', client],
    ['subscriber', subscriber],
  ] as const) {
    c.on('error', (error: unknown) =>
      log.warn({ connection: name, err: errorFields(error) }, 'redis | connection error (reconnecting)'),
    );
  }
  try {
    await Promise.all([client.connect(), subscriber.connect()]);
  } catch (error) {
    client.destroy();
    subscriber.destroy();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    client,
    subscriber,
    close() {
      closing ??= Promise.allSettled([client.close(), subscriber.close()]).then(() => undefined);
      return closing;
    },
  };
}
