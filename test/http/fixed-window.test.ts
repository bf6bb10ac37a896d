import { describe, expect, it } from 'vitest';
import { Budget } from '../../src/http/rate-limit/backend.js';
import { KeyedLimiter } from '../../src/http/rate-limit/keyed-limiter.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { ServerLimit } from '../../src/testing/pipeline/server-limit.js';

const START = Date.UTC(2026, 0, 1);

describe('fixed windows', () => {
  it('counts clock windows from multiples of their length by default', async () => {
    const clock = new FakeClock(START + 300);
    const budget = new Budget({ kind: 'fixed-window', limit: 2, windowMs: 1000 }, 'k', clock);
    expect((await budget.take(1)).granted).toBe(true);
    expect((await budget.take(1)).granted).toBe(true);
    expect(await budget.take(1)).toEqual({ granted: false, retryAfterMs: 700 });
  });

  it('opens an anchored window with the first request after the last one ended', async () => {
    const clock = new FakeClock(START + 300);
    const budget = new Budget({ kind: 'fixed-window', limit: 2, windowMs: 1000, anchor: 'first-request' }, 'k', clock);
    await budget.take(1);
    await budget.take(1);
    expect(await budget.take(1)).toEqual({ granted: false, retryAfterMs: 1000 });
    await clock.advance(999);
    expect((await budget.take(1)).granted).toBe(false);
    await clock.advance(1);
    expect((await budget.take(1)).granted).toBe(true);
    // The next window opened at 1300 and lasts until 2300.
    expect(budget.toJSON()).toMatchObject({
      kind: 'window',
      start: START + 1300,
      end: START + 2300,
      count: 1,
      anchor: 'first-request',
    });
  });

  it('learns the limit, what is left and the end of the window from the platform', async () => {
    const clock = new FakeClock(START);
    const budget = new Budget({ kind: 'fixed-window', limit: 2, windowMs: 1000, anchor: 'first-request' }, 'k', clock);
    const sentAt = clock.now();
    await budget.take(1);
    // The platform allows 10 in a window that ends in 60 s, and has counted 4 already (another client).
    await budget.feedback({ windowLimit: 10, available: 6, windowResetMs: 60_000 }, 1, { sentAt });
    for (let i = 0; i < 6; i++) expect((await budget.take(1)).granted).toBe(true);
    expect(await budget.take(1)).toEqual({ granted: false, retryAfterMs: 60_000 });
  });

  it('ignores a reported end within the header precision, and feedback about an earlier window', async () => {
    const clock = new FakeClock(START);
    const budget = new Budget({ kind: 'fixed-window', limit: 3, windowMs: 1000, anchor: 'first-request' }, 'k', clock);
    const early = clock.now();
    await budget.take(1);
    await clock.advance(400);
    // "1 s" rounded up: the window may end at 1,000 as assumed, so it is not stretched.
    await budget.feedback({ available: 2, windowResetMs: 1000, windowResetPrecisionMs: 1000 }, 1, { sentAt: early });
    expect(budget.toJSON()).toMatchObject({ end: START + 1000 });
    // "2 s" rounded up: the window ends after 1,400 at the earliest, past the estimate.
    await budget.feedback({ available: 2, windowResetMs: 2000, windowResetPrecisionMs: 1000 }, 1, { sentAt: early });
    expect(budget.toJSON()).toMatchObject({ end: START + 2400 });
    await clock.advance(2000);
    await budget.take(1);
    // A late answer to the request of the first window says nothing about this one.
    await budget.feedback({ available: 0, windowResetMs: 5000 }, 1, { sentAt: early });
    expect(budget.toJSON()).toMatchObject({ start: START + 2400, end: START + 3400, count: 1 });
  });

  it('honours a pause from Retry-After on a window', async () => {
    const clock = new FakeClock(START);
    const budget = new Budget({ kind: 'fixed-window', limit: 5, windowMs: 1000 }, 'k', clock);
    await budget.feedback({ pauseMs: 3000 }, 1);
    expect(budget.pausedFor(clock.now())).toBe(3000);
  });

  it('restores an anchored window from its exported state', async () => {
    const clock = new FakeClock(START);
    const one = new Budget({ kind: 'fixed-window', limit: 1, windowMs: 1000, anchor: 'first-request' }, 'k', clock);
    await clock.advance(250);
    await one.take(1);
    const two = new Budget({ kind: 'fixed-window', limit: 1, windowMs: 1000, anchor: 'first-request' }, 'k', clock);
    two.restore(JSON.parse(JSON.stringify(one.toJSON())));
    expect(await two.take(1)).toEqual({ granted: false, retryAfterMs: 1000 });
  });

  it('shares an anchored window between processes through the store', async () => {
    const clock = new FakeClock(START + 400);
    const store = new MemoryStore({ clock });
    const plan = {
      shared: true,
      maxWaitMs: 0,
      default: { kind: 'fixed-window' as const, limit: 3, windowMs: 1000, anchor: 'first-request' as const },
    };
    const one = new KeyedLimiter({ plan, clock, store, platform: 'bol' });
    const two = new KeyedLimiter({ plan, clock, store, platform: 'bol' });
    const outcomes = await Promise.all(
      [one, two, one, two].map((l) =>
        l.acquire('op').then(
          () => 'ok',
          (e: { code: string; retryAfterMs: number }) => `${e.code}:${e.retryAfterMs}`,
        ),
      ),
    );
    expect(outcomes.sort()).toEqual(['ok', 'ok', 'ok', 'rate_limited:1000']);
    await clock.advance(1000);
    await expect(two.acquire('op')).resolves.toBeDefined();
  });

  it('agrees with the server-side limit on anchored windows', () => {
    const clock = new FakeClock(START + 300);
    const limit = new ServerLimit({ kind: 'fixed-window', limit: 2, windowMs: 1000, anchor: 'first-request' }, clock);
    expect(limit.check().resetMs).toBe(1000);
    expect(limit.check().allowed).toBe(true);
    expect(limit.check()).toMatchObject({ allowed: false, retryAfterMs: 1000, available: 0 });
  });
});
