import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { StoreLock } from '../../src/stores/store-lock.js';
import { RedisLock, RedisStore } from '../../src/stores/redis.js';
import { dropRedisNamespace, probeRedis, redisUrl, runId, shouldSkip } from './servers.js';
import { atomicBucketCases, conformanceSuites, nonIntegerIncrementCase } from './shared-cases.js';

const problem = await probeRedis();
const namespace = `mbtest:${runId('redis')}:`;

describe.skipIf(shouldSkip(problem, 'RedisStore tests'))(`RedisStore against ${redisUrl}`, () => {
  const stores: RedisStore[] = [];
  const store = () => stores[0] as RedisStore;
  let turn = 0;

  beforeAll(() => {
    if (problem) throw new Error(`CI=true requires a Redis server: ${problem}`);
    for (let i = 0; i < 2; i++)
      stores.push(new RedisStore({ url: redisUrl, namespace, redisOptions: { maxRetriesPerRequest: 1 } }));
  });
  afterAll(async () => {
    if (stores[0]) await dropRedisNamespace(stores[0].client, namespace);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('reaches the Redis server', () => {
    expect(problem).toBeUndefined();
  });

  conformanceSuites(() => store(), {
    'RedisLock, two clients': () => new RedisLock(stores[turn++ % 2] as RedisStore),
    'StoreLock over RedisStore': () => new StoreLock(stores[turn++ % 2] as RedisStore),
  });

  it('RedisLock and StoreLock guard the same keys', async () => {
    const held = await new RedisLock(store()).acquire('shared-layout', 5_000);
    expect(held).toBeDefined();
    expect(await new StoreLock(store()).acquire('shared-layout', 5_000)).toBeUndefined();
    expect(await new StoreLock(store()).release(held!)).toBe(true);
  });

  it('keeps keys inside its namespace and lists prefixes with glob characters literally', async () => {
    await store().set('glob*[a]?:1', 1);
    await store().set('globX:2', 2);
    expect(await store().list('glob*[a]?')).toEqual(['glob*[a]?:1']);
    expect(await store().client.get(`${namespace}glob*[a]?:1`)).toBe('1');
  });

  nonIntegerIncrementCase(() => store());

  it('reports every problem of its options at once', () => {
    expect(() => new RedisStore({ namespace: 3 as unknown as string })).toThrow(
      /2 problems[\s\S]*client[\s\S]*namespace/,
    );
  });

  it('wraps connection failures in a retryable MarketbridgeError', async () => {
    const down = new RedisStore({
      url: 'redis://127.0.0.1:1',
      redisOptions: { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null },
    });
    down.client.on('error', () => {});
    const error = await down.get('k').catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'internal')).toBe(true);
    expect((error as { retryable: boolean }).retryable).toBe(true);
    down.client.disconnect();
  });

  it('keeps working after the server forgets its scripts', async () => {
    expect(await store().compareAndSet('reload', undefined, 1)).toBe(true);
    await store().client.script('FLUSH');
    expect(await store().compareAndSet('reload', 1, 2)).toBe(true);
  });

  it('leaves a client it was given open on close', async () => {
    const client = new Redis(redisUrl);
    const borrowed = new RedisStore({ client, namespace });
    await borrowed.close();
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
  });

  describe('atomic bucket take', () => {
    atomicBucketCases(() => stores);
  });
});
