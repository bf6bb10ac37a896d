/**
 * Finding the real Redis and PostgreSQL servers: their URLs (MB_REDIS_URL, MB_POSTGRES_URL),
 * whether they answer, and cleaning up after a run. Shared by the store tests and
 * bench/stores.ts; scripts/services.sh starts the servers.
 */
import { Redis } from 'ioredis';
import pg from 'pg';

export const redisUrl = process.env.MB_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const postgresUrl =
  process.env.MB_POSTGRES_URL ?? 'postgres://marketbridge:marketbridge@127.0.0.1:5432/marketbridge';

/** Resolves undefined when Redis answers PING, otherwise why not. */
export async function probeRedis(url = redisUrl): Promise<string | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `no Redis server at ${url} (${(error as Error).message})`;
  } finally {
    client.disconnect();
  }
}

/** Resolves undefined when PostgreSQL accepts a connection, otherwise why not. */
export async function probePostgres(url = postgresUrl): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `no PostgreSQL server at ${url.replace(/\/\/[^@]*@/, '//***@')} (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Deletes every Redis key under `namespace`. */
export async function dropRedisNamespace(client: Redis, namespace: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${namespace}*`, 'COUNT', 1000);
    if (keys.length) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
