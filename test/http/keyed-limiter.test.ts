import { describe, expect, it } from 'vitest';
import { KeyedLimiter, type RateLimitPlan } from '../../src/http/index.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

function limiter(plan: RateLimitPlan, clock = new FakeClock(), store?: MemoryStore) {
  return new KeyedLimiter({ plan, clock, platform: 'amazon', tenantId: 'seller-1', ...(store ? { store } : {}) });
}

describe('KeyedLimiter', () => {
  it('keys budgets by tenant, platform and bucket; shared buckets span operations', () => {
    const l = limiter({
      operations: {
        a: { kind: 'cost-bucket', capacity: 10, restorePerSecond: 1, bucket: 'graphql' },
        b: { kind: 'cost-bucket', capacity: 10, restorePerSecond: 1, bucket: 'graphql' },
      },
      default: { kind: 'token-bucket', ratePerSecond: 1, burst: 1 },
    });
    expect(l.keyFor('a')).toBe('mb:rl:seller-1:amazon:graphql');
    expect(l.keyFor('b')).toBe(l.keyFor('a'));
    expect(l.keyFor('getOrders')).toBe('mb:rl:seller-1:amazon:getOrders');
    expect(limiter({}).keyFor('x')).toBeUndefined();
  });

  it('serves higher priorities first among waiting requests', async () => {
    const clock = new FakeClock();
    const l = limiter({ default: { kind: 'token-bucket', ratePerSecond: 1, burst: 1 } }, clock);
    await l.acquire('op');
    const order: string[] = [];
    const waiters = [
      l.acquire('op', { priority: 0 }).then(() => order.push('low')),
      l.acquire('op', { priority: 5 }).then(() => order.push('high')),
      l.acquire('op', { priority: 1 }).then(() => order.push('mid')),
    ];
    await clock.runAll();
    await Promise.all(waiters);
    // The first waiter already holds the gate; the rest follow priority order.
    expect(order).toEqual(['low', 'high', 'mid']);
    expect(clock.now() - Date.UTC(2026, 0, 1)).toBe(3000);
  });

  it('limits concurrency per bucket until permits are released', async () => {
    const l = limiter({ maxConcurrent: 2, default: { kind: 'token-bucket', ratePerSecond: 1000, burst: 1000 } });
    const a = await l.acquire('op');
    await l.acquire('op');
    let third = false;
    const pending = l.acquire('op').then((p) => {
      third = true;
      return p;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(third).toBe(false);
    a.release();
    a.release();
    (await pending).release();
    expect(third).toBe(true);
  });

  it('fails fast beyond maxWaitMs, and rejects a cost above capacity', async () => {
    const l = limiter({ maxWaitMs: 500, default: { kind: 'cost-bucket', capacity: 10, restorePerSecond: 1 } });
    await l.acquire('op', { cost: 10 });
    await expect(l.acquire('op', { cost: 5 })).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 5000 });
    await expect(l.acquire('op', { cost: 11 })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('exports and restores its budgets', async () => {
    const clock = new FakeClock();
    const plan: RateLimitPlan = {
      default: { kind: 'token-bucket', ratePerSecond: 1, burst: 3 },
      operations: { w: { kind: 'fixed-window', limit: 2, windowMs: 1000 } },
    };
    const l = limiter(plan, clock);
    for (let i = 0; i < 3; i++) await l.acquire('op');
    await l.acquire('w');
    await l.acquire('w');
    const snapshot = JSON.parse(JSON.stringify(l.toJSON()));
    const strict = new KeyedLimiter(
      { plan: { ...plan, maxWaitMs: 0 }, clock, platform: 'amazon', tenantId: 'seller-1' },
      snapshot,
    );
    await expect(strict.acquire('op')).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(strict.acquire('w')).rejects.toMatchObject({ code: 'rate_limited' });
    const fresh = new KeyedLimiter({
      plan: { ...plan, maxWaitMs: 0 },
      clock,
      platform: 'amazon',
      tenantId: 'seller-1',
    });
    await expect(fresh.acquire('op')).resolves.toBeDefined();
  });

  it('keeps at most maxKeys buckets in memory', async () => {
    const clock = new FakeClock();
    const l = limiter(
      { maxKeys: 2, maxWaitMs: 0, default: { kind: 'token-bucket', ratePerSecond: 0.001, burst: 1 } },
      clock,
    );
    await l.acquire('a');
    await l.acquire('b');
    await l.acquire('c');
    expect(Object.keys(l.toJSON()).sort()).toEqual(['mb:rl:seller-1:amazon:b', 'mb:rl:seller-1:amazon:c']);
    // 'a' was evicted and starts again from a full bucket.
    await expect(l.acquire('a')).resolves.toBeDefined();
  });

  it('shares fixed windows and buckets through the store', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const plan: RateLimitPlan = {
      shared: true,
      maxWaitMs: 0,
      operations: { w: { kind: 'fixed-window', limit: 3, windowMs: 1000 } },
      default: { kind: 'token-bucket', ratePerSecond: 0.001, burst: 2 },
    };
    const one = limiter(plan, clock, store);
    const two = limiter(plan, clock, store);
    const outcomes = await Promise.all(
      [one, two, one, two, one].map((l) =>
        l.acquire('w').then(
          () => 'ok',
          (e: { code: string }) => e.code,
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    await clock.advance(1000);
    await expect(two.acquire('w')).resolves.toBeDefined();
    await one.acquire('b');
    await two.acquire('b');
    await expect(one.acquire('b')).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('validates the plan with every problem at once', () => {
    expect(() =>
      limiter({
        maxConcurrent: 0,
        default: { kind: 'token-bucket', ratePerSecond: 0, burst: -1 },
        operations: { x: { kind: 'nope' } as never },
      }),
    ).toThrow(/4 problems/);
  });
});
