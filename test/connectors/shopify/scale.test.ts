import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h?.close());

describe('10,000-SKU inventory update against the simulator', () => {
  it('sets every SKU with compare-and-set and is never throttled', async () => {
    h = createHarness({ simulator: { products: 2_000, variantsPerProduct: 5, initialAvailable: 7 } });
    const updates = Array.from({ length: 10_000 }, (_, i) => ({ sku: `SKU-${i + 1}`, quantity: i % 50 }));
    const started = h.clock.now();
    const result = await h.clock.drive(() => h.shopify.setInventory(updates));
    expect(result.succeeded).toBe(10_000);
    expect(h.simulator.stats().throttled).toBe(0);
    expect(h.simulator.stats().maxCostExceeded).toBe(0);
    expect(h.simulator.available('SKU-9999')).toBe(9998 % 50);
    // 51 reads of at most 199 SKUs and 51 writes: far fewer calls than SKUs.
    expect(h.simulator.stats().requests).toBeLessThanOrEqual(110);
    // On the fake clock, the cost model allows (spent - bucket) / restore rate seconds; the
    // planner waited no longer than that (utilisation of the budget >= 95 %).
    const allowedMs = ((h.simulator.stats().costSpent - 2000) / 100) * 1000;
    expect(allowedMs / (h.clock.now() - started)).toBeGreaterThanOrEqual(0.95);
  });
});
