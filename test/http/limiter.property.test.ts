import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { createHttpClient, type RateLimitSpec } from '../../src/http/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { createPipelineSimulator } from '../../src/testing/pipeline/index.js';
import { countingFetch, drive } from './helpers.js';
import { shopifyGraphqlClassifier } from '../../src/connectors/shopify/index.js';
import { amazonClassifier } from '../../src/connectors/amazon/index.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 40);

const specs = fc.oneof(
  fc.record({
    kind: fc.constant('token-bucket' as const),
    ratePerSecond: fc.double({ min: 0.2, max: 50, noNaN: true }),
    burst: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({
    kind: fc.constant('leaky-bucket' as const),
    capacity: fc.integer({ min: 1, max: 40 }),
    leakPerSecond: fc.double({ min: 0.5, max: 20, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('fixed-window' as const),
    limit: fc.integer({ min: 1, max: 25 }),
    windowMs: fc.integer({ min: 100, max: 5000 }),
    anchor: fc.constantFrom('clock' as const, 'first-request' as const),
  }),
);

const mix = fc.array(
  fc.record({
    gapMs: fc.integer({ min: 0, max: 400 }),
    priority: fc.integer({ min: 0, max: 3 }),
    parallel: fc.integer({ min: 1, max: 4 }),
  }),
  { minLength: 5, maxLength: 25 },
);

describe('limiter vs simulator with the same limits', () => {
  it('is never throttled by token, leaky and window limits over random request mixes', async () => {
    await fc.assert(
      fc.asyncProperty(
        specs,
        mix,
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        async (spec: RateLimitSpec, requests, maxConcurrent) => {
          const clock = new FakeClock(Date.UTC(2026, 0, 1) + 123);
          const sim = createPipelineSimulator({ clock, limit: spec, style: 'amazon' });
          const wire = countingFetch(sim.fetch);
          const client = createHttpClient({
            platform: 'amazon',
            baseUrl: 'https://sp.test',
            context: createContext({ clock, fetch: wire.fetch }),
            limits: { default: spec, ...(maxConcurrent ? { maxConcurrent } : {}) },
            classify: amazonClassifier,
            retry: false,
            timeoutMs: 0,
          });
          const total = requests.reduce((n, r) => n + r.parallel, 0);
          await drive(
            clock,
            async () => {
              const all: Promise<unknown>[] = [];
              for (const r of requests) {
                await clock.sleep(r.gapMs);
                for (let i = 0; i < r.parallel; i++)
                  all.push(
                    client.request({ operation: 'getOrders', method: 'GET', path: '/orders', priority: r.priority }),
                  );
              }
              await Promise.all(all);
            },
            wire.busy,
          );
          expect(sim.stats().throttled).toBe(0);
          expect(sim.stats().ok).toBe(total);
        },
      ),
      { numRuns: runs },
    );
  });

  it('is never throttled by a Shopify cost bucket, reserving requested cost and refunding to actual', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 100, max: 1000 }),
        fc.integer({ min: 10, max: 200 }),
        fc.array(
          fc.record({
            gapMs: fc.integer({ min: 0, max: 300 }),
            requested: fc.integer({ min: 1, max: 100 }),
            ratio: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 5, maxLength: 30 },
        ),
        async (capacity, restore, requests) => {
          const clock = new FakeClock();
          const spec: RateLimitSpec = { kind: 'cost-bucket', capacity, restorePerSecond: restore, bucket: 'graphql' };
          const sim = createPipelineSimulator({
            clock,
            limit: spec,
            style: 'shopify-graphql',
            cost: ({ body }) => {
              const { requested, actual } = (body as { variables: { requested: number; actual: number } }).variables;
              return { requested, actual };
            },
            respond: () => ({ data: { ok: true } }),
          });
          const wire = countingFetch(sim.fetch);
          const client = createHttpClient({
            platform: 'shopify',
            baseUrl: 'https://shop.test/admin/api/2026-01',
            context: createContext({ clock, fetch: wire.fetch }),
            limits: { default: spec },
            classify: shopifyGraphqlClassifier,
            retry: false,
            timeoutMs: 0,
          });
          await drive(
            clock,
            async () => {
              const all: Promise<unknown>[] = [];
              for (const r of requests) {
                await clock.sleep(r.gapMs);
                const actual = Math.floor(r.requested * r.ratio);
                all.push(
                  client.request({
                    operation: 'graphql',
                    method: 'POST',
                    path: 'graphql.json',
                    idempotent: true,
                    cost: r.requested,
                    json: { query: 'q', variables: { requested: r.requested, actual } },
                  }),
                );
              }
              await Promise.all(all);
            },
            wire.busy,
          );
          expect(sim.stats().throttled).toBe(0);
          expect(sim.stats().ok).toBe(requests.length);
        },
      ),
      { numRuns: runs },
    );
  });
});
