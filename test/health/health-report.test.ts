import { describe, expect, it } from 'vitest';
import { BaseMarketplaceAPI } from '../../src/core/base-marketplace-api.js';
import type { HealthStatus } from '../../src/core/queries.js';
import { healthReport } from '../../src/health.js';
import { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';

class Probe extends BaseMarketplaceAPI {
  constructor(
    readonly platform: string,
    private readonly answer: () => Promise<HealthStatus>,
  ) {
    super();
  }
  override healthCheck(): Promise<HealthStatus> {
    return this.answer();
  }
}
const okProbe = (platform: string) =>
  new Probe(platform, async () => ({ ok: true, latencyMs: 12, checkedAt: new Date(0).toISOString() }));

describe('healthReport', () => {
  it('is ok when every connection answers and nothing lags', async () => {
    const simulated = new SimulatedMarketplace({ seed: 1, products: 2 });
    const report = await healthReport({
      connections: { sim: simulated, shop: okProbe('shop') },
      queues: { jobs: { counts: async () => ({ waiting: 2, delayed: 5, active: 1, failed: 0 }) } },
      streams: { feed: { lag: async () => 3 } },
    });
    expect(report.status).toBe('ok');
    expect(report.problems).toEqual([]);
    expect(report.connections.map((c) => [c.name, c.ok])).toEqual([
      ['sim', true],
      ['shop', true],
    ]);
    expect(report.queues).toEqual([{ name: 'jobs', waiting: 2, delayed: 5, active: 1, failed: 0 }]);
    expect(report.streams).toEqual([{ name: 'feed', lag: 3 }]);
  });

  it('is degraded, saying why, when a connection fails, a circuit is open, a budget is exhausted or a queue lags', async () => {
    const now = 1_700_000_000_000;
    const report = await healthReport({
      now: () => now,
      timeoutMs: 50,
      maxLag: 10,
      connections: {
        shop: okProbe('shop'),
        slow: new Probe('slow', () => new Promise(() => {})),
        broken: new Probe('broken', async () => {
          throw new Error('401 Unauthorized');
        }),
      },
      breakers: { shop: { state: 'open' } },
      limiters: {
        shop: {
          toJSON: () => ({
            't:shop:default': {
              kind: 'bucket',
              tokens: 0,
              at: now,
              capacity: 40,
              refillPerSecond: 2,
              pausedUntil: now + 5_000,
            },
          }),
        },
      },
      queues: {
        jobs: { counts: async () => ({ waiting: 50, delayed: 0, active: 1, failed: 0 }) },
        gone: {
          counts: async () => {
            throw new Error('ECONNREFUSED');
          },
        },
      },
      streams: { feed: { lag: async () => 11 } },
    });
    expect(report.status).toBe('degraded');
    expect(report.problems).toEqual([
      'connection slow (slow) failed: no answer within 50 ms',
      'connection broken (broken) failed: 401 Unauthorized',
      'circuit shop is open',
      `budget t:shop:default is exhausted until ${new Date(now + 5_000).toISOString()}`,
      'queue jobs has 50 jobs waiting',
      'queue gone unreachable: ECONNREFUSED',
      'stream feed lags by 11 messages',
    ]);
    expect(report.budgets).toEqual([
      { limiter: 'shop', key: 't:shop:default', available: 0, capacity: 40, utilisation: 1, pausedUntil: now + 5_000 },
    ]);
  });

  it('is down when every connection fails', async () => {
    const report = await healthReport({
      connections: {
        a: new Probe('a', async () => ({ ok: false, latencyMs: 1, checkedAt: '', message: 'maintenance' })),
      },
    });
    expect(report).toMatchObject({ status: 'down', connections: [{ name: 'a', ok: false, message: 'maintenance' }] });
  });
});
