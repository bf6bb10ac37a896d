import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import {
  createHttpClient,
  KeyedLimiter,
  type CostBucketSpec,
  type LimiterFeedback,
  type RateLimitPlan,
} from '../../src/http/index.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { ServerLimit } from '../../src/testing/pipeline/server-limit.js';

const bucket = (extra: Partial<CostBucketSpec> = {}): CostBucketSpec => ({
  kind: 'cost-bucket',
  capacity: 1000,
  restorePerSecond: 100,
  ...extra,
});

function limiter(plan: RateLimitPlan, clock: FakeClock, store?: MemoryStore) {
  return new KeyedLimiter({ plan, clock, platform: 'points-api', ...(store ? { store } : {}) });
}

const tokens = (l: KeyedLimiter) => {
  const state = Object.values(l.toJSON())[0];
  return state?.kind === 'bucket' ? state.tokens : undefined;
};

interface Scenario {
  requests: number;
  workers: number;
  cost: (i: number) => { requested: number; actual: number };
  /** One-way latencies of request `i`, ms. */
  latency: (i: number) => { out: number; back: number };
  headroom?: number;
  /** Pass the send time with the feedback (the default); false: feedback as if measured on arrival. */
  credit?: boolean;
}

/**
 * A platform's cost bucket (ServerLimit) behind a network with latency, on a fake clock: the
 * platform measures `available` when the request reaches it, the client learns it a return
 * trip later. Reports throttled answers and utilisation (time the points spent need ÷ time taken).
 */
async function simulate(s: Scenario) {
  const clock = new FakeClock();
  const spec = bucket(s.headroom === undefined ? {} : { headroom: s.headroom });
  const server = new ServerLimit(bucket(), clock);
  const l = limiter({ default: spec }, clock);
  const start = clock.now();
  let throttled = 0;
  let spent = 0;
  let next = 0;
  const worker = async () => {
    while (next < s.requests) {
      const i = next++;
      const { requested, actual } = s.cost(i);
      for (;;) {
        const permit = await l.acquire('graphql', { cost: requested });
        const sentAt = clock.now();
        const { out, back } = s.latency(i);
        await clock.sleep(out);
        const verdict = server.check(requested, actual);
        await clock.sleep(back);
        const feedback: LimiterFeedback = {
          available: verdict.available,
          capacity: 1000,
          refillPerSecond: 100,
          actualCost: verdict.allowed ? actual : 0,
        };
        await permit.feedback(feedback, s.credit === false ? clock.now() : sentAt);
        permit.release();
        if (verdict.allowed) {
          spent += actual;
          break;
        }
        throttled++;
        await clock.sleep(verdict.retryAfterMs);
      }
    }
  };
  await clock.drive(() => Promise.all(Array.from({ length: s.workers }, worker)));
  const allowedMs = (Math.max(0, spent - 1000) / 100) * 1000;
  return { throttled, utilisation: allowedMs / (clock.now() - start) };
}

describe('cost bucket feedback: in-flight refill credit', () => {
  it('does not throw away the restore time earned while a request was in flight', async () => {
    const clock = new FakeClock();
    const l = limiter({ default: bucket() }, clock);
    const permit = await l.acquire('graphql', { cost: 1000 });
    const sentAt = clock.now();
    await clock.advance(500);
    // Measured by the platform 250 ms after sending (25 points back); the local bucket has 50 by now.
    await permit.feedback({ available: 25, actualCost: 1000 }, sentAt);
    expect(tokens(l)).toBeCloseTo(50, 6);
    // Measured with no send time, the same figure counts as current.
    const other = limiter({ default: bucket() }, clock);
    const p2 = await other.acquire('graphql', { cost: 1000 });
    await clock.advance(500);
    await p2.feedback({ available: 25, actualCost: 1000 }, clock.now());
    expect(tokens(other)).toBeCloseTo(25, 6);
  });

  it('still lowers a local balance above what the platform can have now (drift, other clients)', async () => {
    const clock = new FakeClock();
    const l = limiter({ default: bucket() }, clock);
    const permit = await l.acquire('graphql', { cost: 100 });
    const sentAt = clock.now();
    await clock.advance(1000);
    // Locally the bucket is full again; the platform said 600 at most a second ago: at most 700 now.
    await permit.feedback({ available: 600, actualCost: 100 }, sentAt);
    expect(tokens(l)).toBeCloseTo(700, 6);
    // The bound never exceeds the capacity.
    const p2 = await l.acquire('graphql', { cost: 10 });
    await clock.advance(10_000);
    await p2.feedback({ available: 995, actualCost: 10 }, p2.reservedAt);
    expect(tokens(l)).toBeCloseTo(1000, 6);
  });

  it('applies the same bound to a budget shared through a store', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    const l = limiter({ default: bucket(), shared: true }, clock, store);
    const permit = await l.acquire('graphql', { cost: 1000 });
    await clock.advance(500);
    await permit.feedback({ available: 25, actualCost: 1000 }, permit.reservedAt);
    const state = await store.get<{ tokens: number }>(l.keyFor('graphql')!);
    expect(state?.tokens).toBeCloseTo(50, 6);
    const p2 = await l.acquire('graphql', { cost: 10 });
    await clock.advance(1000);
    await p2.feedback({ available: 0, actualCost: 10 }, p2.reservedAt);
    expect((await store.get<{ tokens: number }>(l.keyFor('graphql')!))?.tokens).toBeCloseTo(100, 6);
  });

  it('keeps a long job at the platform rate with a round trip of latency per call', async () => {
    const scenario: Scenario = {
      requests: 60,
      workers: 1,
      cost: () => ({ requested: 120, actual: 100 }),
      latency: () => ({ out: 150, back: 150 }),
    };
    const credited = await simulate(scenario);
    expect(credited.throttled).toBe(0);
    expect(credited.utilisation).toBeGreaterThan(0.98);
    // Taking the figure as current can only do worse.
    const stale = await simulate({ ...scenario, credit: false });
    expect(stale.throttled).toBe(0);
    expect(credited.utilisation).toBeGreaterThanOrEqual(stale.utilisation);
  });

  it('never lets a balance that drifted near the cap end in a throttled answer', async () => {
    // Cheap calls keep the bucket at its cap (the platform stops refilling, the client does
    // not), then full-cost calls drain it; one-way latency jumps between 10 and 400 ms.
    const scenario: Scenario = {
      requests: 120,
      workers: 3,
      cost: (i) => (i < 40 ? { requested: 100, actual: 5 } : { requested: 100, actual: 100 }),
      latency: (i) => ({ out: i % 3 === 0 ? 400 : 10, back: 50 }),
      headroom: 0.05,
    };
    const guarded = await simulate(scenario);
    expect(guarded.throttled).toBe(0);
    expect(guarded.utilisation).toBeGreaterThan(0.95);
    // The scenario does drift: without headroom the jitter in latency is not absorbed.
    const { headroom: _h, ...bare } = scenario;
    expect((await simulate(bare)).throttled).toBeGreaterThan(0);
  });
});

describe('cost bucket headroom', () => {
  it('reserves a share of the capacity on top of each cost and gives it back with the actual cost', async () => {
    const clock = new FakeClock();
    const l = limiter({ default: bucket({ headroom: 0.1 }) }, clock);
    const permit = await l.acquire('graphql', { cost: 100 });
    expect(permit.cost).toBe(100);
    expect(permit.headroom).toBe(100);
    expect(tokens(l)).toBe(800);
    await permit.feedback({ actualCost: 40 });
    expect(tokens(l)).toBe(960);
    // Given back once only.
    await permit.feedback({});
    expect(tokens(l)).toBe(960);
  });

  it('gives the headroom back alone when the answer has no actual cost, and never exceeds the capacity', async () => {
    const clock = new FakeClock();
    const l = limiter({ default: bucket({ headroom: 0.05 }) }, clock);
    const permit = await l.acquire('graphql', { cost: 300 });
    expect(tokens(l)).toBe(650);
    await permit.feedback({});
    expect(tokens(l)).toBe(700);
    await clock.advance(3000);
    const near = await l.acquire('graphql', { cost: 980 });
    expect(near.headroom).toBe(20);
    await near.feedback({ actualCost: 980 });
    const whole = l.acquire('graphql', { cost: 1000 });
    await clock.advance(10_000);
    expect((await whole).headroom).toBe(0);
  });

  it('wakes a request waiting for budget when the headroom comes back', async () => {
    const clock = new FakeClock();
    const l = limiter({ default: bucket({ headroom: 0.1 }) }, clock);
    const first = await l.acquire('graphql', { cost: 800 });
    expect(tokens(l)).toBe(100);
    let granted = false;
    const waiting = l.acquire('graphql', { cost: 100 }).then((p) => {
      granted = true;
      return p;
    });
    await clock.advance(100);
    expect(granted).toBe(false);
    await first.feedback({ actualCost: 800 });
    await waiting;
    expect(granted).toBe(true);
    expect(clock.now() - first.reservedAt).toBe(100);
  });

  it('is given back by the pipeline for any cost-bucket platform, also when no answer arrived', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const fetch: typeof globalThis.fetch = async () => {
      calls++;
      await clock.sleep(1000);
      if (calls === 2) throw new TypeError('fetch failed');
      // A points API that reports its balance in the body, measured when the request arrived.
      return new Response(JSON.stringify({ points: { left: 600, spent: 400 } }), {
        headers: { 'content-type': 'application/json' },
      });
    };
    const client = createHttpClient({
      platform: 'points-api',
      baseUrl: 'https://points.test',
      context: createContext({ clock, fetch }),
      limits: { default: bucket({ headroom: 0.1 }) },
      classify: ({ body }) => {
        const points = (body as { points?: { left: number; spent: number } } | undefined)?.points;
        return points ? { kind: 'ok', feedback: { available: points.left, actualCost: points.spent } } : undefined;
      },
      retry: false,
      breaker: false,
      timeoutMs: 0,
    });
    await clock.drive(() => client.request({ operation: 'op', method: 'POST', path: '/q', cost: 500 }));
    // 1000 − 600 reserved (500 + 100 headroom), +100 restored in flight, +200 given back (100
    // unused, 100 headroom) = 700; the platform's 600 plus the second it may have restored
    // since is no less: kept (taken as current, it would have been 600).
    expect(tokens(client.limiter!)).toBeCloseTo(700, 6);
    await expect(
      clock.drive(() => client.request({ operation: 'op', method: 'POST', path: '/q', cost: 500 })),
    ).rejects.toMatchObject({ code: 'marketplace_api_error' });
    // No answer: the cost stays spent (it may have reached the platform), the headroom comes back.
    expect(tokens(client.limiter!)).toBeCloseTo(700 - 600 + 100 + 100, 6);
  });

  it('is validated with the plan', () => {
    expect(() => limiter({ default: bucket({ headroom: 0.7 }) }, new FakeClock())).toThrow(/headroom/);
    expect(() => limiter({ default: bucket({ headroom: -0.1 }) }, new FakeClock())).toThrow(/headroom/);
  });
});
