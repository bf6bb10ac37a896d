import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  SHOPIFY_COST_HEADROOM,
  SHOPIFY_PLAN_LIMITS,
  shopifyRateLimitPlan,
} from '../../../src/connectors/shopify/index.js';
import { INVENTORY_AT_LOCATION_QUERY } from '../../../src/connectors/shopify/documents.js';
import type { LimiterPermit } from '../../../src/http/index.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h?.close());

const READ = { first: 100, query: "sku:'SKU-1'", locationId: 'gid://shopify/Location/1' };

describe("Shopify's cost budget on the pipeline", () => {
  it('configures the headroom in the rate-limit plan', () => {
    const plan = shopifyRateLimitPlan('acme.myshopify.com', SHOPIFY_PLAN_LIMITS.standard, false);
    expect(plan.default).toMatchObject({
      kind: 'cost-bucket',
      capacity: 2000,
      restorePerSecond: 100,
      headroom: SHOPIFY_COST_HEADROOM,
    });
  });

  it('reserves the requested cost; the pipeline adds the headroom and gives it back with the actual cost', async () => {
    h = createHarness({ simulator: { products: 3 }, config: { sharedBudget: false } });
    const limiter = h.shopify.client.http.limiter!;
    const acquire = vi.spyOn(limiter, 'acquire');
    await h.clock.drive(() =>
      h.shopify.client.request(INVENTORY_AT_LOCATION_QUERY, READ, { operation: 'getInventory', idempotent: true }),
    );
    const permit = (await acquire.mock.results[0]!.value) as LimiterPermit;
    expect(permit.cost).toBe(502);
    expect(permit.headroom).toBe(100);
    // Only the actual cost stays spent, as in Shopify's bucket (currentlyAvailable 1993).
    const [state] = Object.values(limiter.toJSON());
    expect(state).toMatchObject({ kind: 'bucket', tokens: 1993, capacity: 2000 });
  });

  it("sizes the headroom from the bucket Shopify reports, not the configured plan's", async () => {
    h = createHarness({
      simulator: { products: 3, plan: 'advanced' },
      config: { sharedBudget: false, plan: 'standard' },
    });
    const limiter = h.shopify.client.http.limiter!;
    const acquire = vi.spyOn(limiter, 'acquire');
    const read = () =>
      h.shopify.client.request(INVENTORY_AT_LOCATION_QUERY, READ, { operation: 'getInventory', idempotent: true });
    await h.clock.drive(read);
    await h.clock.drive(read);
    const first = (await acquire.mock.results[0]!.value) as LimiterPermit;
    const second = (await acquire.mock.results[1]!.value) as LimiterPermit;
    expect(first.headroom).toBe(100);
    expect(second.headroom).toBe(200);
  });
});
