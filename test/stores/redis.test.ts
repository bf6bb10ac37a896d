import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { computeTake, takeFromBucket, type BucketState, type BucketTake } from '../../src/store/bucket.js';
import { StoreLock } from '../../src/store/store-lock.js';
import { RedisLock, RedisStore } from '../../src/stores/redis.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { lockConformanceCases, storeConformanceCases } from '../../src/testing/store-conformance.js';
import { dropRedisNamespace, probeRedis, redisUrl, runId, shouldSkip, sleep } from './servers.js';

const problem = await probeRedis();
const namespace = `mbtest:${runId('redis')}:`;

describe.skipIf(shouldSkip(problem, 'RedisStore tests'))(`RedisStore against ${redisUrl}`, () => {
  const stores: RedisStore[] = [];
  const store = () => stores[0] as RedisStore;
  let turn = 0;

  beforeAll(() => {
    if (problem) throw new Error(`CI=true requires a Redis server: ${problem}`);
    for (let i = 0; i < 2; i++) stores.push(new RedisStore({ url: redisUrl, namespace, redisOptions: { maxRetriesPerRequest: 1 } }));
  });
  afterAll(async () => {
    if (stores[0]) await dropRedisNamespace(stores[0].client, namespace);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('reaches the Redis server', () => {
    expect(problem).toBeUndefined();
  });

  describe('store conformance', () => {
    for (const c of storeConformanceCases({ create: () => store(), advance: sleep, ttlMs: 250 })) it(c.name, c.run);
  });

  describe('lock conformance (RedisLock, two clients)', () => {
    const harness = { create: () => new RedisLock(stores[turn++ % 2] as RedisStore), advance: sleep, ttlMs: 250 };
    for (const c of lockConformanceCases(harness)) it(c.name, c.run);
  });

  describe('lock conformance (StoreLock over RedisStore)', () => {
    for (const c of lockConformanceCases({ create: () => new StoreLock(stores[turn++ % 2] as RedisStore), advance: sleep, ttlMs: 250 })) {
      it(c.name, c.run);
    }
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

  it('rejects increments of non-integer JSON numbers and leaves them unchanged', async () => {
    await store().set('float', 1.5);
    const error = await store().increment('float').catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect(await store().get('float')).toBe(1.5);
  });

  it('reports every problem of its options at once', () => {
    expect(() => new RedisStore({ namespace: 3 as unknown as string })).toThrow(/2 problems[\s\S]*client[\s\S]*namespace/);
  });

  it('wraps connection failures in a retryable MarketbridgeError', async () => {
    const down = new RedisStore({ url: 'redis://127.0.0.1:1', redisOptions: { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null } });
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
    it('is used by takeFromBucket, ignoring the caller’s clock', async () => {
      const key = 'bucket:native';
      const skewed = new FakeClock(Date.UTC(2001, 0, 1));
      const take = { key, capacity: 3, refillPerSecond: 0.001, cost: 1 };
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await takeFromBucket(store(), take, skewed));
      expect(results.map((r) => r.granted)).toEqual([true, true, true, false]);
      const state = await store().get<BucketState>(key);
      expect(Math.abs(state!.at - Date.now())).toBeLessThan(60_000);
    });

    it('never grants more than capacity and says when never', async () => {
      const result = await store().takeFromBucket({ key: 'bucket:huge', capacity: 5, refillPerSecond: 1, cost: 6 });
      expect(result).toEqual({ granted: false, tokens: 5, retryAfterMs: Number.POSITIVE_INFINITY });
      await expect(store().takeFromBucket({ key: 'bucket:bad', capacity: 0, refillPerSecond: -1, cost: Number.NaN })).rejects.toThrow(/3 problems/);
    });

    it('grants exactly one of many concurrent takes of the last token', async () => {
      const take = { key: 'bucket:race', capacity: 1, refillPerSecond: 0.001, cost: 1 };
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 2]!.takeFromBucket(take)));
      expect(results.filter((r) => r.granted)).toHaveLength(1);
    });

    it('computes exactly what computeTake computes, at the server’s time', async () => {
      let run = 0;
      const takeArb = fc.record({
        capacity: fc.double({ min: 0.5, max: 1000, noNaN: true }),
        refillPerSecond: fc.double({ min: 0.01, max: 5000, noNaN: true }),
        costs: fc.array(fc.double({ min: -50, max: 1200, noNaN: true }), { minLength: 1, maxLength: 6 }),
      });
      await fc.assert(
        fc.asyncProperty(takeArb, async ({ capacity, refillPerSecond, costs }) => {
          const key = `bucket:exact:${run++}`;
          let state: BucketState | undefined;
          for (const cost of costs) {
            const take: BucketTake = { key, capacity, refillPerSecond, cost };
            const result = await store().takeFromBucket(take);
            const next = await store().get<BucketState>(key);
            const expected = computeTake(state, take, next!.at);
            expect(result).toEqual(expected.result);
            expect(next).toEqual(expected.next);
            state = next;
          }
        }),
        { numRuns: Number(process.env.MB_PROPERTY_RUNS ?? 25) },
      );
    });
  });
});
