import { afterEach, describe, expect, it } from 'vitest';
import { bulkStateKey } from '../../../src/connectors/shopify/index.js';
import { ShopifyMarketplace } from '../../../src/connectors/shopify/index.js';
import { collect, createHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h?.close());

describe('bulk operations', () => {
  it('exports the catalog: run query, poll, download JSONL, stream products with their variants', async () => {
    h = createHarness({ simulator: { products: 40, variantsPerProduct: 3, bulkPollsToComplete: 3 } });
    const products = await h.clock.drive(() => collect(h.shopify.exportCatalog({ pollMs: 500 })));
    expect(products).toHaveLength(40);
    expect(products.every((product) => product.offers.length === 3)).toBe(true);
    expect(h.simulator.stats.byOperation.MbBulkRunQuery).toBe(1);
    expect(h.simulator.stats.byOperation.MbBulkOperation).toBe(3);
    expect(await h.shopify.context.store.get(bulkStateKey({ context: h.shopify.context, config: h.shopify.config } as never, 'catalog'))).toBeUndefined();
  });

  it('exports inventory of every variant at every location', async () => {
    h = createHarness({ simulator: { products: 10, locations: 2, initialAvailable: 6 } });
    const levels = await h.clock.drive(() => collect(h.shopify.exportInventory({ pollMs: 100 })));
    expect(levels).toHaveLength(20);
    expect(levels[0]).toMatchObject({ sku: 'SKU-1', available: 6 });
  });

  it('is resumable: another instance on the same store continues the running operation', async () => {
    h = createHarness({ simulator: { products: 5, bulkPollsToComplete: 4 } });
    const controller = new AbortController();
    let polls = 0;
    h.simulator.before('MbBulkOperation', () => {
      if (++polls === 2) controller.abort(new Error('process stopped'));
    });
    await expect(h.clock.drive(() => collect(h.shopify.exportCatalog({ pollMs: 100, signal: controller.signal })))).rejects.toThrow();
    const other = new ShopifyMarketplace({ shop: h.simulator.shop, accessToken: h.simulator.accessToken, timeoutMs: 0 }, { clock: h.clock, store: h.shopify.context.store });
    const products = await h.clock.drive(() => collect(other.exportCatalog({ pollMs: 100 })));
    expect(products).toHaveLength(5);
    expect(h.simulator.stats.byOperation.MbBulkRunQuery).toBe(1);
  });

  it('respects the one-bulk-query-per-shop limit with a retryable conflict', async () => {
    h = createHarness({ simulator: { products: 2, bulkPollsToComplete: 50 } });
    h.simulator.state.bulkOperations.set(1, { id: 1, query: '{ products { edges { node { id } } } }', status: 'RUNNING', createdAt: '2026-11-22T00:00:00Z', completedAt: null, pollsLeft: 50, lines: [] });
    await expect(h.clock.drive(() => collect(h.shopify.exportCatalog()))).rejects.toMatchObject({ code: 'conflict', retryable: true });
  });
});
