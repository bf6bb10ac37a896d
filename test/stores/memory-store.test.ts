import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTake, MemoryStore, StoreLock, takeFromBucket } from '../../src/index.js';
import { FakeClock, lockConformanceCases, storeConformanceCases } from '../../src/testing/index.js';
import { canonicalJson } from '../../src/stores/store.js';

describe('MemoryStore conformance (fake clock)', () => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  for (const c of storeConformanceCases({ create: () => store, advance: (ms) => clock.advance(ms) })) it(c.name, c.run);
});

describe('StoreLock on MemoryStore conformance (fake clock)', () => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  for (const c of lockConformanceCases({
    create: () => new StoreLock(store, { clock }),
    advance: (ms) => clock.advance(ms),
  }))
    it(c.name, c.run);
});

describe('the conformance suite can fail', () => {
  it('reports a store that ignores TTLs', async () => {
    const clock = new FakeClock();
    const forgetful = new MemoryStore();
    const cases = storeConformanceCases({ create: () => forgetful, advance: (ms) => clock.advance(ms) });
    const ttlCase = cases.find((c) => c.name.includes('TTL disappears'));
    await expect(ttlCase?.run()).rejects.toThrow(/after expiry/);
  });
});

describe('StoreLock waiting', () => {
  it('waits for a held lock up to waitMs and gets it after release', async () => {
    const clock = new FakeClock();
    const lock = new StoreLock(new MemoryStore({ clock }), { clock });
    const first = await lock.acquire('k', 10_000);
    const waiting = lock.acquire('k', 10_000, { waitMs: 1_000, retryDelayMs: 100 });
    await clock.advance(300);
    await lock.release(first!);
    await clock.advance(100);
    expect(await waiting).toBeDefined();
  });

  it('gives up after waitMs and honours abort', async () => {
    const clock = new FakeClock();
    const lock = new StoreLock(new MemoryStore({ clock }), { clock });
    await lock.acquire('k', 10_000);
    const waiting = lock.acquire('k', 10_000, { waitMs: 500 });
    await clock.advance(600);
    expect(await waiting).toBeUndefined();
    const controller = new AbortController();
    const aborted = lock.acquire('k', 10_000, { waitMs: 5_000, signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
  });
});

describe('takeFromBucket', () => {
  it('grants up to capacity, then says how long to wait, then refills with time', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const take = { key: 'b', capacity: 10, refillPerSecond: 2, cost: 4 };
    expect((await takeFromBucket(store, take, clock)).granted).toBe(true);
    expect((await takeFromBucket(store, take, clock)).granted).toBe(true);
    const refused = await takeFromBucket(store, take, clock);
    expect(refused).toEqual({ granted: false, tokens: 2, retryAfterMs: 1000 });
    await clock.advance(1000);
    expect((await takeFromBucket(store, take, clock)).granted).toBe(true);
  });

  it('refunds with a negative cost, capped at capacity, and never grants more than capacity', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    await takeFromBucket(store, { key: 'c', capacity: 100, refillPerSecond: 10, cost: 80 }, clock);
    const refund = await takeFromBucket(store, { key: 'c', capacity: 100, refillPerSecond: 10, cost: -200 }, clock);
    expect(refund.tokens).toBe(100);
    const tooBig = await takeFromBucket(store, { key: 'c', capacity: 100, refillPerSecond: 10, cost: 101 }, clock);
    expect(tooBig.granted).toBe(false);
    expect(tooBig.retryAfterMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects nonsense limits', async () => {
    const clock = new FakeClock();
    await expect(
      takeFromBucket(new MemoryStore(), { key: 'x', capacity: 0, refillPerSecond: -1, cost: 1 }, clock),
    ).rejects.toThrow(/2 problems/);
  });

  it('computeTake starts full', () => {
    expect(computeTake(undefined, { key: 'k', capacity: 5, refillPerSecond: 1, cost: 1 }, 0).result).toEqual({
      granted: true,
      tokens: 4,
      retryAfterMs: 0,
    });
  });
});

describe('MemoryStore serialisation', () => {
  it('reads a value back as it was written, keys in their order (no sorting on write)', () => {
    const store = new MemoryStore();
    store.set('k', { b: 1, a: { d: 2, c: 3 } });
    const value = store.get<{ b: number; a: { d: number; c: number } }>('k')!;
    expect(Object.keys(value)).toEqual(['b', 'a']);
    expect(Object.keys(value.a)).toEqual(['d', 'c']);
  });

  it('compares by canonical form whatever the key order of either side', () => {
    const store = new MemoryStore();
    store.set('k', { b: [1, { y: 1, x: 2 }], a: 1, 10: 'ten', 9: 'nine' });
    expect(store.compareAndSet('k', { a: 2, b: [1, { x: 2, y: 1 }], 9: 'nine', 10: 'ten' }, { n: 1 })).toBe(false);
    expect(store.compareAndSet('k', { 9: 'nine', a: 1, 10: 'ten', b: [1, { x: 2, y: 1 }] }, { n: 1 })).toBe(true);
    expect(store.get('k')).toEqual({ n: 1 });
    // The value read back is the cheap case: the same text.
    expect(store.compareAndSet('k', store.get('k'), { n: 2 })).toBe(true);
    expect(store.compareAndSet('k', { n: 1 }, { n: 3 })).toBe(false);
  });

  it('keeps a TTL through increments and drops it when the key is written again without one', async () => {
    const clock = new FakeClock(0);
    const store = new MemoryStore({ clock });
    store.set('a', 1, { ttlMs: 100 });
    store.set('b', 1);
    expect(store.increment('a', 1)).toBe(2);
    expect(store.increment('b', 1)).toBe(2);
    store.set('c', { n: 1 }, { ttlMs: 100 });
    store.set('c', { n: 2 });
    await clock.advance(100);
    expect([store.get('a'), store.get('b'), store.get('c')]).toEqual([undefined, 2, { n: 2 }]);
    expect(store.list('')).toEqual(['b', 'c']);
    expect(store.compareAndSet('b', 2, 3)).toBe(true);
    expect(store.increment('b', 1)).toBe(4);
  });

  it('forgets the cached canonical form when increment changes the value', () => {
    const store = new MemoryStore();
    store.set('n', 1);
    expect(store.compareAndSet('n', 2, 5)).toBe(false);
    expect(store.increment('n', 1)).toBe(2);
    expect(store.compareAndSet('n', 1, 5)).toBe(false);
    expect(store.compareAndSet('n', 2, 5)).toBe(true);
    store.set('o', { b: 1, a: 1 });
    expect(store.compareAndSet('o', { a: 1, b: 1 }, 7)).toBe(true);
    expect(store.increment('o', 1)).toBe(8);
    expect(store.compareAndSet('o', 8, { done: true })).toBe(true);
  });

  it('matches any reordering of a JSON value, and nothing else', () => {
    const reorder = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reorder);
      if (value && typeof value === 'object')
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reorder(v)]),
        );
      return value;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (value, other) => {
        const store = new MemoryStore();
        store.set('k', value);
        const same = canonicalJson(value) === canonicalJson(other);
        expect(store.compareAndSet('k', other, 'next')).toBe(same);
        if (!same) expect(store.compareAndSet('k', reorder(value), 'next')).toBe(true);
      }),
      { numRuns: Number(process.env.MB_PROPERTY_RUNS ?? 300) },
    );
  });
});

describe('MemoryStore string values', () => {
  it('keeps a string as it is and compares strings only with strings', () => {
    const store = new MemoryStore();
    const text = '{"a": 1, "b": "\\u00e9"}';
    store.set('s', text);
    expect(store.get('s')).toBe(text);
    expect(store.compareAndSet('s', JSON.parse(text), 'x')).toBe(false);
    expect(store.compareAndSet('s', text, { a: 1 })).toBe(true);
    expect(store.compareAndSet('s', '{"a":1}', 'y')).toBe(false);
    store.set('n', '5');
    expect(store.compareAndSet('n', 5, 6)).toBe(false);
    expect(() => store.increment('n')).toThrow(/not an integer/);
    expect(store.list('')).toEqual(['n', 's']);
  });
});
