import { isMarketbridgeError } from '../core/errors/marketbridge-error.js';
import type { MaybePromise } from '../core/types.js';
import type { Lock } from '../stores/lock.js';
import type { Store } from '../stores/store.js';
import { assertEqual, assertRejects, ConformanceError } from './assert.js';

/**
 * What the store conformance suite needs from the implementation under test.
 *
 * @example
 * ```ts
 * const clock = new FakeClock();
 * const harness: StoreHarness = {
 *   create: () => new MemoryStore({ clock }),
 *   advance: (ms) => clock.advance(ms),
 * };
 * ```
 *
 * @category Conformance
 */
export interface StoreHarness {
  /** A store for one case. Cases use unique key prefixes, so one shared store is fine too. */
  create(): MaybePromise<Store>;
  /** Lets `ms` milliseconds pass for the store's TTLs: advance a fake clock, or really wait. */
  advance(ms: number): Promise<void>;
  /** The TTL the cases use; real servers may want a few hundred ms (default 1000). */
  ttlMs?: number;
  /** Called after each case with the store it used. */
  cleanup?(store: Store): MaybePromise<void>;
}

/**
 * One conformance case: a name and a function that throws on failure.
 *
 * @category Conformance
 */
export interface ConformanceCase {
  /** What the case checks, as a sentence. */
  name: string;
  /** Runs the case; rejects with a ConformanceError naming the broken expectation. */
  run(): Promise<void>;
}

let counter = 0;
const uniquePrefix = () => `conformance:${Date.now().toString(36)}:${(counter++).toString(36)}:`;

function cases(
  harness: StoreHarness,
  list: [string, (store: Store, p: string, ttl: number) => Promise<void>][],
): ConformanceCase[] {
  const ttl = harness.ttlMs ?? 1000;
  return list.map(([name, body]) => ({
    name,
    async run() {
      const store = await harness.create();
      try {
        await body(store, uniquePrefix(), ttl);
      } finally {
        await harness.cleanup?.(store);
      }
    },
  }));
}

/**
 * The `Store` contract as runnable cases, independent of any test framework. The memory,
 * Redis and PostgreSQL stores all pass it; run it on your own implementation.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { FakeClock, storeConformanceCases } from 'marketbridge/testing';
 *
 * describe('MyStore', () => {
 *   const clock = new FakeClock();
 *   for (const c of storeConformanceCases({ create: () => new MyStore(clock), advance: (ms) => clock.advance(ms) })) {
 *     it(c.name, c.run);
 *   }
 * });
 * ```
 *
 * @category Conformance
 */
export function storeConformanceCases(harness: StoreHarness): ConformanceCase[] {
  return cases(harness, [
    ['get of a missing key is undefined', async (s, p) => assertEqual(await s.get(`${p}missing`), undefined, 'get')],
    [
      'set then get round-trips JSON values',
      async (s, p) => {
        const value = {
          text: 'héllo ✓',
          n: -12.5,
          big: 9007199254740991,
          yes: true,
          none: null,
          list: [1, 'two', { three: 3 }],
        };
        await s.set(`${p}k`, value);
        assertEqual(await s.get(`${p}k`), value, 'get after set');
        await s.set(`${p}s`, 'plain');
        assertEqual(await s.get(`${p}s`), 'plain', 'string value');
      },
    ],
    [
      'set replaces the value, and stored values are copies',
      async (s, p) => {
        const value = { n: 1 };
        await s.set(`${p}k`, value);
        value.n = 99;
        assertEqual(await s.get(`${p}k`), { n: 1 }, 'mutating the argument after set');
        await s.set(`${p}k`, { n: 2 });
        const read = await s.get<{ n: number }>(`${p}k`);
        if (read) read.n = 100;
        assertEqual(await s.get(`${p}k`), { n: 2 }, 'mutating a read value');
      },
    ],
    [
      'delete removes a key and reports whether it existed',
      async (s, p) => {
        await s.set(`${p}k`, 1);
        assertEqual(await s.delete(`${p}k`), true, 'first delete');
        assertEqual(await s.delete(`${p}k`), false, 'second delete');
        assertEqual(await s.get(`${p}k`), undefined, 'get after delete');
      },
    ],
    [
      'a key with a TTL disappears after it, from get, list and compareAndSet',
      async (s, p, ttl) => {
        await s.set(`${p}k`, 'v', { ttlMs: ttl });
        assertEqual(await s.get(`${p}k`), 'v', 'before expiry');
        await harness.advance(ttl + Math.ceil(ttl / 2));
        assertEqual(await s.get(`${p}k`), undefined, 'after expiry');
        assertEqual(await s.list(p), [], 'list after expiry');
        await s.set(`${p}j`, 'v', { ttlMs: ttl });
        await harness.advance(ttl + Math.ceil(ttl / 2));
        assertEqual(await s.compareAndSet(`${p}j`, undefined, 'new'), true, 'an expired key counts as absent');
      },
    ],
    [
      'set without a TTL clears an earlier TTL',
      async (s, p, ttl) => {
        await s.set(`${p}k`, 1, { ttlMs: ttl });
        await s.set(`${p}k`, 2);
        await harness.advance(ttl + Math.ceil(ttl / 2));
        assertEqual(await s.get(`${p}k`), 2, 'value without TTL');
      },
    ],
    [
      'invalid TTLs are rejected',
      async (s, p) => {
        for (const ttlMs of [0, -1, Number.NaN]) {
          const error = await assertRejects(() => s.set(`${p}k`, 1, { ttlMs }), `set with ttlMs ${ttlMs}`);
          if (!isMarketbridgeError(error, 'validation_failed'))
            throw new ConformanceError(`ttlMs ${ttlMs}: expected a ValidationError`);
        }
        assertEqual(await s.get(`${p}k`), undefined, 'nothing written');
      },
    ],
    [
      'compareAndSet with expected undefined creates only if absent',
      async (s, p) => {
        assertEqual(await s.compareAndSet(`${p}k`, undefined, { v: 1 }), true, 'first create');
        assertEqual(await s.compareAndSet(`${p}k`, undefined, { v: 2 }), false, 'second create');
        assertEqual(await s.get(`${p}k`), { v: 1 }, 'value');
      },
    ],
    [
      'compareAndSet swaps only on an equal value, ignoring object key order',
      async (s, p) => {
        await s.set(`${p}k`, { a: 1, b: [1, 2] });
        assertEqual(await s.compareAndSet(`${p}k`, { a: 2, b: [1, 2] }, 'x'), false, 'different value');
        assertEqual(
          await s.compareAndSet(`${p}k`, { b: [1, 2], a: 1 }, { a: 3 }),
          true,
          'equal value in another key order',
        );
        assertEqual(await s.get(`${p}k`), { a: 3 }, 'after swap');
        assertEqual(await s.compareAndSet(`${p}missing`, { a: 3 }, 'x'), false, 'expected a value on a missing key');
      },
    ],
    [
      'compareAndSet with next undefined deletes only if equal',
      async (s, p) => {
        await s.set(`${p}k`, { token: 'a' });
        assertEqual(await s.compareAndSet(`${p}k`, { token: 'b' }, undefined), false, 'wrong token');
        assertEqual(await s.compareAndSet(`${p}k`, { token: 'a' }, undefined), true, 'right token');
        assertEqual(await s.get(`${p}k`), undefined, 'deleted');
      },
    ],
    [
      'concurrent compareAndSet from the same value: exactly one wins',
      async (s, p) => {
        await s.set(`${p}k`, { version: 1 });
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => s.compareAndSet(`${p}k`, { version: 1 }, { version: 2, by: i })),
        );
        assertEqual(results.filter(Boolean).length, 1, 'winners');
      },
    ],
    [
      'increment counts atomically from zero and keeps its first TTL',
      async (s, p, ttl) => {
        assertEqual(await s.increment(`${p}n`), 1, 'first increment');
        assertEqual(await s.increment(`${p}n`, 5), 6, 'by 5');
        assertEqual(await s.increment(`${p}n`, -10), -4, 'by -10');
        await Promise.all(Array.from({ length: 100 }, () => s.increment(`${p}c`)));
        assertEqual(await s.get(`${p}c`), 100, 'after 100 concurrent increments');
        await s.increment(`${p}t`, 1, { ttlMs: ttl });
        await harness.advance(Math.ceil(ttl / 2));
        await s.increment(`${p}t`, 1, { ttlMs: ttl * 10 });
        await harness.advance(ttl);
        assertEqual(await s.get(`${p}t`), undefined, 'TTL set by the creating increment');
      },
    ],
    [
      'increment of a non-integer value is rejected',
      async (s, p) => {
        await s.set(`${p}k`, 'text');
        await assertRejects(() => s.increment(`${p}k`), 'increment of a string');
        assertEqual(await s.get(`${p}k`), 'text', 'unchanged');
      },
    ],
    [
      'list returns sorted keys under a prefix, with a limit',
      async (s, p) => {
        for (const key of ['b', 'a', 'c', 'a:1']) await s.set(`${p}list:${key}`, key);
        await s.set(`${p}other`, 1);
        assertEqual(await s.list(`${p}list:`), [`${p}list:a`, `${p}list:a:1`, `${p}list:b`, `${p}list:c`], 'list');
        assertEqual(await s.list(`${p}list:`, { limit: 2 }), [`${p}list:a`, `${p}list:a:1`], 'list with limit');
        assertEqual(await s.list(`${p}none:`), [], 'empty prefix');
      },
    ],
  ]);
}

/**
 * What the lock conformance suite needs.
 *
 * @category Conformance
 */
export interface LockHarness {
  /** A lock for one case; two calls may return locks that share state (as two processes do). */
  create(): MaybePromise<Lock>;
  /** Lets `ms` pass for the lock's TTLs. */
  advance(ms: number): Promise<void>;
  /** The TTL the cases use (default 1000). */
  ttlMs?: number;
}

/**
 * The `Lock` contract as runnable cases: exclusive acquisition, release only by the owner,
 * expiry after the TTL, extension.
 *
 * @example
 * ```ts
 * for (const c of lockConformanceCases(harness)) it(c.name, c.run);
 * ```
 *
 * @category Conformance
 */
export function lockConformanceCases(harness: LockHarness): ConformanceCase[] {
  const ttl = harness.ttlMs ?? 1000;
  const run = (name: string, body: (a: Lock, b: Lock, key: string) => Promise<void>): ConformanceCase => ({
    name,
    async run() {
      await body(await harness.create(), await harness.create(), `${uniquePrefix()}lock`);
    },
  });
  return [
    run('only one holder at a time', async (a, b, key) => {
      const first = await a.acquire(key, ttl);
      if (!first) throw new ConformanceError('first acquire failed');
      assertEqual(await b.acquire(key, ttl), undefined, 'second acquire while held');
      const results = await Promise.all(Array.from({ length: 20 }, () => b.acquire(`${key}:race`, ttl)));
      assertEqual(results.filter(Boolean).length, 1, 'concurrent acquirers that win');
    }),
    run('release works only with the holder’s token', async (a, b, key) => {
      const handle = await a.acquire(key, ttl);
      if (!handle) throw new ConformanceError('acquire failed');
      assertEqual(await b.release({ ...handle, token: 'not-the-owner' }), false, 'release by another token');
      assertEqual(await b.acquire(key, ttl), undefined, 'still held');
      assertEqual(await a.release(handle), true, 'release by the owner');
      if (!(await b.acquire(key, ttl))) throw new ConformanceError('acquire after release failed');
      assertEqual(await a.release(handle), false, 'a stale handle cannot release the new holder');
    }),
    run('a holder that never releases loses the lock after the TTL', async (a, b, key) => {
      await a.acquire(key, ttl);
      await harness.advance(ttl + Math.ceil(ttl / 2));
      if (!(await b.acquire(key, ttl))) throw new ConformanceError('acquire after expiry failed');
    }),
    run('extend keeps the lock past its first TTL', async (a, b, key) => {
      const handle = await a.acquire(key, ttl);
      if (!handle) throw new ConformanceError('acquire failed');
      await harness.advance(Math.ceil(ttl / 2));
      const extended = await a.extend(handle, ttl * 3);
      if (!extended) throw new ConformanceError('extend failed');
      await harness.advance(ttl);
      assertEqual(await b.acquire(key, ttl), undefined, 'acquire during the extension');
      assertEqual(await b.extend({ ...handle, token: 'other' }, ttl), undefined, 'extend by another token');
    }),
  ];
}
