import { describe, expect, it } from 'vitest';
import { computeTake, MemoryStore, StoreLock, takeFromBucket } from '../../src/index.js';
import { FakeClock, lockConformanceCases, storeConformanceCases } from '../../src/testing/index.js';

describe('MemoryStore conformance (fake clock)', () => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  for (const c of storeConformanceCases({ create: () => store, advance: (ms) => clock.advance(ms) })) it(c.name, c.run);
});

describe('StoreLock on MemoryStore conformance (fake clock)', () => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock });
  for (const c of lockConformanceCases({ create: () => new StoreLock(store, { clock }), advance: (ms) => clock.advance(ms) })) it(c.name, c.run);
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
    await expect(takeFromBucket(new MemoryStore(), { key: 'x', capacity: 0, refillPerSecond: -1, cost: 1 }, clock)).rejects.toThrow(/2 problems/);
  });

  it('computeTake starts full', () => {
    expect(computeTake(undefined, { key: 'k', capacity: 5, refillPerSecond: 1, cost: 1 }, 0).result).toEqual({ granted: true, tokens: 4, retryAfterMs: 0 });
  });
});
