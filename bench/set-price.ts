/**
 * An agent's `set_price` through `RealWorldAdapter.executeAction` in sandbox mode, against the
 * Shopify simulator (2 variants per product, Standard plan bucket), with read-back. Counts the
 * GraphQL calls the action takes (connecting excluded), per operation, and the simulated time
 * the cost bucket makes it wait. Time is simulated (sleeping moves the clock at once), so the
 * numbers do not depend on the machine.
 *
 * Target: at most 4 calls on a 10,000-product store.
 */
import { silentLogger } from '../src/core/logger.js';
import type { Clock } from '../src/core/clock.js';
import { RealWorldAdapter } from '../src/safety/index.js';
import { MemoryStore } from '../src/stores/memory-store.js';
import { ShopifySimulator } from '../src/connectors/shopify/simulator/index.js';
import { setupServer } from 'msw/node';

const START = Date.UTC(2026, 0, 1);
const SHOP = 'sim-shop.test';
const TARGET_CALLS = 4;

/** Simulated time for one sequential worker: sleeping moves time forward at once. */
class SkipClock implements Clock {
  #now = START;
  now(): number {
    return this.#now;
  }
  async sleep(ms: number): Promise<void> {
    this.#now += Math.max(0, ms);
  }
}

async function scenario(products: number) {
  const clock = new SkipClock();
  const simulator = new ShopifySimulator({ shop: SHOP, clock, products, variantsPerProduct: 2 });
  const server = setupServer(...simulator.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const adapter = new RealWorldAdapter({
      mode: 'sandbox',
      context: { clock, store: new MemoryStore({ clock }), logger: silentLogger },
    });
    const connected = await adapter.initializeMarketplaceConnection({
      marketplace: 'shopify',
      config: {
        shop: 'sim-shop',
        accessToken: simulator.accessToken,
        endpoint: `https://${SHOP}/admin/api/2026-10`,
        timeoutMs: 0,
      },
    });
    if (connected.isErr()) throw new Error(connected.error.message);
    const sku = `SKU-${products * 2 - 1}`;
    const requests = simulator.stats().requests;
    const byOperation = { ...simulator.stats().byOperation };
    const started = clock.now();
    const wall = performance.now();
    const result = await adapter.executeAction({
      type: 'set_price',
      sku,
      price: { amountMinor: 1249, currency: 'EUR' },
    });
    const calls = simulator.stats().requests - requests;
    const perOperation = Object.fromEntries(
      Object.entries(simulator.stats().byOperation)
        .map(([name, count]) => [name, count - (byOperation[name] ?? 0)] as const)
        .filter(([, count]) => count > 0),
    );
    return {
      products,
      variants: products * 2,
      status: result.isOk() ? result.value.status : result.error.reason,
      ...(result.isErr() ? { message: result.error.message } : {}),
      verified: result.isOk() ? (result.value.verification?.ok ?? false) : false,
      graphqlCalls: calls,
      perOperation,
      throttled: simulator.stats().throttled,
      simulatedMs: clock.now() - started,
      wallMs: Math.round(performance.now() - wall),
      meetsTarget: calls <= TARGET_CALLS,
    };
  } finally {
    server.close();
  }
}

/**
 * Measured by this benchmark before offers were looked up by SKU (commit "Bench: set-price
 * through the adapter ..."): the prior state and the read-back scanned the catalog.
 */
const BEFORE_LOOKUP_BY_SKU = {
  products100: { graphqlCalls: 13, simulatedMs: 65_440 },
  products500: { graphqlCalls: 46, simulatedMs: 375_040 },
  products10000: { graphqlCalls: 838, simulatedMs: 7_803_940 },
};

/** Runs the three store sizes. */
export async function run(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { targetCalls: TARGET_CALLS, beforeLookupBySku: BEFORE_LOOKUP_BY_SKU };
  for (const products of [100, 500, 10_000]) out[`products${products}`] = await scenario(products);
  return out;
}
