/**
 * Tests every server-backed store passes alike (RedisStore, PostgresStore): the conformance
 * suites, increments of non-integers, and the native atomic bucket take. Call them inside the
 * store's `describe`; `store()` and `stores()` are read when the tests run, after `beforeAll`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import {
  computeTake,
  takeFromBucket,
  type AtomicBucketStore,
  type BucketState,
  type BucketTake,
} from '../../src/stores/bucket.js';
import type { Lock } from '../../src/stores/lock.js';
import type { Store } from '../../src/stores/store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { lockConformanceCases, storeConformanceCases } from '../../src/testing/store-conformance.js';
import { sleep } from './servers.js';

const ttlMs = 250;

/** The store conformance suite on `create`, and the lock suite on each named lock factory. */
export function conformanceSuites(create: () => Store, locks: Record<string, () => Lock>): void {
  describe('store conformance', () => {
    for (const c of storeConformanceCases({ create, advance: sleep, ttlMs })) it(c.name, c.run);
  });
  for (const [name, createLock] of Object.entries(locks)) {
    describe(`lock conformance (${name})`, () => {
      for (const c of lockConformanceCases({ create: createLock, advance: sleep, ttlMs })) it(c.name, c.run);
    });
  }
}

/** A JSON number that is not an integer cannot be incremented, and stays as it was. */
export function nonIntegerIncrementCase(store: () => Store): void {
  it('rejects increments of non-integer values and leaves them unchanged', async () => {
    await store().set('float', 1.5);
    const error = await (async () => store().increment('float'))().catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect(await store().get('float')).toBe(1.5);
  });
}

type BucketStore = Store & AtomicBucketStore;

/** The native bucket take: used by takeFromBucket, capped, atomic across two clients, exact. */
export function atomicBucketCases(stores: () => readonly BucketStore[]): void {
  const store = () => stores()[0] as BucketStore;

  it('is used by takeFromBucket, ignoring the caller’s clock', async () => {
    const take = { key: 'bucket:native', capacity: 3, refillPerSecond: 0.001, cost: 1 };
    const skewed = new FakeClock(Date.UTC(2001, 0, 1));
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await takeFromBucket(store(), take, skewed));
    expect(results.map((r) => r.granted)).toEqual([true, true, true, false]);
    const state = await store().get<BucketState>(take.key);
    expect(Math.abs(state!.at - Date.now())).toBeLessThan(60_000);
  });

  it('never grants more than capacity and says when never', async () => {
    const result = await store().takeFromBucket({ key: 'bucket:huge', capacity: 5, refillPerSecond: 1, cost: 6 });
    expect(result).toEqual({ granted: false, tokens: 5, retryAfterMs: Number.POSITIVE_INFINITY });
    await expect(
      store().takeFromBucket({ key: 'bucket:bad', capacity: 0, refillPerSecond: -1, cost: Number.NaN }),
    ).rejects.toThrow(/3 problems/);
  });

  it('grants exactly one of many concurrent takes of the last token', async () => {
    const take = { key: 'bucket:race', capacity: 1, refillPerSecond: 0.001, cost: 1 };
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => stores()[i % 2]!.takeFromBucket(take)));
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
        let previous: BucketState | undefined;
        for (const cost of costs) {
          const take: BucketTake = { key, capacity, refillPerSecond, cost };
          const result = await store().takeFromBucket(take);
          const next = await store().get<BucketState>(key);
          const expected = computeTake(previous, take, next!.at);
          expect(result).toEqual(expected.result);
          expect(next).toEqual(expected.next);
          previous = next;
        }
      }),
      { numRuns: Number(process.env.MB_PROPERTY_RUNS ?? 25) },
    );
  });
}
