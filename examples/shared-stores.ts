/**
 * Shared stores: the same calls on Redis, on PostgreSQL, and (always) on the in-memory store —
 * a TTL, a compare-and-set, a shared rate-limit budget and a lock only its owner can release.
 * Uses servers on 127.0.0.1 when they answer (start them with `eval "$(scripts/services.sh)"`,
 * or set MB_REDIS_URL / MB_POSTGRES_URL); skips them with a note otherwise. No network, no
 * credentials. Run with `npx tsx examples/shared-stores.ts`.
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import { systemClock, takeFromBucket, type AtomicBucketStore, MemoryStore, StoreLock } from 'marketbridge';
import type { Lock } from 'marketbridge';
import type { Store } from 'marketbridge';
import { PostgresLock, PostgresStore } from 'marketbridge/stores/postgres';
import { RedisLock, RedisStore } from 'marketbridge/stores/redis';

const redisUrl = process.env.MB_REDIS_URL ?? 'redis://127.0.0.1:6379';
const postgresUrl = process.env.MB_POSTGRES_URL ?? 'postgres://marketbridge:marketbridge@127.0.0.1:5432/marketbridge';
const run = `example_${process.pid}_${Date.now().toString(36)}`;

async function redisAnswers(): Promise<boolean> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The same few calls on any store: what every process sharing it would see. */
async function tour(name: string, store: Store & Partial<AtomicBucketStore>, lockA: Lock, lockB: Lock): Promise<void> {
  await store.set('oauth:state:abc', { shop: 'demo.myshopify.com' }, { ttlMs: 200 });
  const before = await store.get('oauth:state:abc');
  await systemClock.sleep(300);
  const after = await store.get('oauth:state:abc');

  await store.set('inventory:sku-1', { version: 1, quantity: 5 });
  const first = await store.compareAndSet('inventory:sku-1', { quantity: 5, version: 1 }, { version: 2, quantity: 4 });
  const second = await store.compareAndSet('inventory:sku-1', { quantity: 5, version: 1 }, { version: 2, quantity: 3 });

  const take = { key: 'rl:amazon:getOrders', capacity: 5, refillPerSecond: 0.5, cost: 1 };
  const takes = [];
  for (let i = 0; i < 6; i++) takes.push(await takeFromBucket(store, take, systemClock));
  const refused = takes[5]!;

  const held = await lockA.acquire('sync:shop-1', 5_000);
  const other = await lockB.acquire('sync:shop-1', 5_000);
  const forged = held ? await lockB.release({ ...held, token: 'someone-else' }) : false;
  const released = held ? await lockA.release(held) : false;

  console.log(`${name}:`);
  console.log(`  TTL           ${JSON.stringify(before)} → ${JSON.stringify(after)} after 300 ms`);
  console.log(`  compareAndSet first ${first}, second from the same version ${second}`);
  console.log(
    `  bucket        ${takes.filter((t) => t.granted).length} of 6 granted; then retry after ${refused.retryAfterMs} ms`,
  );
  console.log(
    `  lock          second holder ${other ? 'got it (wrong!)' : 'refused'}, forged release ${forged}, owner release ${released}`,
  );
}

const memory = new MemoryStore();
await tour('memory (one process)', memory, new StoreLock(memory), new StoreLock(memory));

if (await redisAnswers()) {
  const a = new RedisStore({ url: redisUrl, namespace: `${run}:` });
  const b = new RedisStore({ url: redisUrl, namespace: `${run}:` });
  try {
    await tour(`redis (${redisUrl}, two clients)`, a, new RedisLock(a), new RedisLock(b));
  } finally {
    const keys = await a.client.keys(`${run}:*`);
    if (keys.length) await a.client.del(...keys);
    await Promise.all([a.close(), b.close()]);
  }
} else {
  console.log(`redis: skipped — nothing answers at ${redisUrl} (start one with: eval "$(scripts/services.sh)")`);
}

if (await postgresAnswers()) {
  const a = new PostgresStore({ connectionString: postgresUrl, schema: run });
  const b = new PostgresStore({ connectionString: postgresUrl, schema: run });
  try {
    await a.migrate();
    await tour('postgres (two pools)', a, new PostgresLock(a), new PostgresLock(b));
  } finally {
    await a.pool.query(`DROP SCHEMA IF EXISTS "${run}" CASCADE`);
    await Promise.all([a.close(), b.close()]);
  }
} else {
  console.log('postgres: skipped — nothing answers at MB_POSTGRES_URL (start one with: eval "$(scripts/services.sh)")');
}
