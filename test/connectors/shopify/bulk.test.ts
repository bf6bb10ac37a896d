import { afterEach, describe, expect, it } from 'vitest';
import { bulkStateKey } from '../../../src/connectors/shopify/index.js';
import { ShopifyMarketplace } from '../../../src/connectors/shopify/index.js';
import type { SimBulkOperation } from '../../../src/connectors/shopify/simulator/index.js';
import { collect, createHarness, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h?.close());

const running = (id: number): SimBulkOperation => ({
  id,
  query: '{ products { edges { node { id } } } }',
  status: 'RUNNING',
  createdAt: '2026-11-22T00:00:00Z',
  completedAt: null,
  pollsLeft: 50,
  lines: [],
});
const byLevel = (levels: { sku: string; locationId: string }[]) =>
  levels.map((level) => `${level.sku}@${level.locationId}`).sort();

describe('bulk operations', () => {
  it('exports the catalog: run query, poll, download JSONL, stream products with their variants', async () => {
    h = createHarness({ simulator: { products: 40, variantsPerProduct: 3, bulkPollsToComplete: 3 } });
    const products = await h.clock.drive(() => collect(h.shopify.exportCatalog({ pollMs: 500 })));
    expect(products).toHaveLength(40);
    expect(products.every((product) => product.offers.length === 3)).toBe(true);
    expect(h.simulator.stats().byOperation.MbBulkRunQuery).toBe(1);
    expect(h.simulator.stats().byOperation.MbBulkOperation).toBe(3);
    expect(
      await h.shopify.context.store.get(
        bulkStateKey({ context: h.shopify.context, config: h.shopify.config } as never, 'catalog'),
      ),
    ).toBeUndefined();
  });

  it('exports inventory of every variant at every location', async () => {
    h = createHarness({ simulator: { products: 10, locations: 2, initialAvailable: 6 } });
    const levels = await h.clock.drive(() => collect(h.shopify.exportInventory({ pollMs: 100 })));
    expect(levels).toHaveLength(20);
    expect(levels.find((level) => level.sku === 'SKU-1' && level.locationId === '1')).toMatchObject({
      sku: 'SKU-1',
      available: 6,
    });
  });

  it('is resumable: another instance on the same store continues the running operation', async () => {
    h = createHarness({ simulator: { products: 5, bulkPollsToComplete: 4 } });
    const controller = new AbortController();
    let polls = 0;
    h.simulator.before('MbBulkOperation', () => {
      if (++polls === 2) controller.abort(new Error('process stopped'));
    });
    await expect(
      h.clock.drive(() => collect(h.shopify.exportCatalog({ pollMs: 100, signal: controller.signal }))),
    ).rejects.toThrow();
    const other = new ShopifyMarketplace(
      { shop: h.simulator.shop, accessToken: h.simulator.accessToken, timeoutMs: 0 },
      { clock: h.clock, store: h.shopify.context.store },
    );
    const products = await h.clock.drive(() => collect(other.exportCatalog({ pollMs: 100 })));
    expect(products).toHaveLength(5);
    expect(h.simulator.stats().byOperation.MbBulkRunQuery).toBe(1);
  });
});

describe('bulk exports when rows come ungrouped (groupObjects false, the default from 2026-01)', () => {
  it('keeps every variant of every product, in position order, whatever the row order', async () => {
    h = createHarness({ simulator: { products: 60, variantsPerProduct: 4 } });
    const products = await h.clock.drive(() => collect(h.shopify.exportCatalog({ pollMs: 10 })));
    await h.settled();
    // The simulator scattered the rows: some variants came before their product.
    const operation = [...h.simulator.state.bulkOperations.values()][0]!;
    expect(operation.grouped).toBe(false);
    const seen = new Set<string>();
    const early = operation.lines.filter((line) => {
      const row = JSON.parse(line) as { id: string; __parentId?: string };
      if (row.__parentId === undefined) seen.add(row.id);
      return row.__parentId !== undefined && !seen.has(row.__parentId);
    });
    expect(early.length).toBeGreaterThan(0);
    expect(products).toHaveLength(60);
    for (const product of products) {
      const expected = h.simulator.state.products
        .get(Number(product.id))!
        .variantIds.map((id) => h.simulator.state.variants.get(id)!.sku);
      expect(product.offers.map((offer) => offer.sku)).toEqual(expected);
    }
    const run = h.requests.find((request) => request.query.includes('bulkOperationRunQuery'))!;
    expect(run.variables.groupObjects).toBe(false);
  });

  it('keeps inventory levels that arrive before anything else of their item', async () => {
    h = createHarness({ simulator: { products: 30, variantsPerProduct: 2, locations: 3, initialAvailable: 4 } });
    const levels = await h.clock.drive(() => collect(h.shopify.exportInventory({ pollMs: 10 })));
    const expected = [...h.simulator.state.variants.values()].flatMap((variant) =>
      ['1', '2', '3'].map((location) => ({ sku: variant.sku, locationId: location })),
    );
    expect(byLevel(levels)).toEqual(byLevel(expected));
    expect(levels.every((level) => level.available === 4)).toBe(true);
  });

  it('asks for grouped rows when told to, and exports the same', async () => {
    h = createHarness({ simulator: { products: 8, variantsPerProduct: 3 } });
    const products = await h.clock.drive(() => collect(h.shopify.exportCatalog({ pollMs: 10, groupObjects: true })));
    expect([...h.simulator.state.bulkOperations.values()][0]!.grouped).toBe(true);
    expect(products.map((product) => product.offers.length)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('on versions before 2026-01 the rows are grouped by default and the export is the same', async () => {
    h = createHarness({ simulator: { products: 8, variantsPerProduct: 3 }, config: { apiVersion: '2025-10' } });
    const products = await h.clock.drive(() => collect(h.shopify.exportCatalog({ pollMs: 10 })));
    expect(products.map((product) => product.offers.length)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
  });
});

describe('bulk query concurrency by API version', () => {
  it('from 2026-01 the catalog and inventory exports run side by side; a sixth bulk query is a retryable conflict', async () => {
    h = createHarness({ simulator: { products: 6, bulkPollsToComplete: 3 } });
    const [products, levels] = await h.clock.drive(() =>
      Promise.all([
        collect(h.shopify.exportCatalog({ pollMs: 10 })),
        collect(h.shopify.exportInventory({ pollMs: 10 })),
      ]),
    );
    expect(products).toHaveLength(6);
    expect(levels).toHaveLength(6);
    for (let id = 1; id <= 5; id++) h.simulator.state.bulkOperations.set(id, running(id));
    const error = await h.clock.drive(() => collect(h.shopify.exportCatalog())).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'conflict', retryable: true, platform: 'shopify', operation: 'exportCatalog' });
    expect((error as Error).message).toMatch(/5 bulk queries per shop/);
  });

  it('before 2026-01 one bulk query runs per shop: a second is a retryable conflict', async () => {
    h = createHarness({ simulator: { products: 2 }, config: { apiVersion: '2025-10' } });
    h.simulator.state.bulkOperations.set(1, running(1));
    const error = await h.clock.drive(() => collect(h.shopify.exportInventory())).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'conflict', retryable: true });
    expect((error as Error).message).toMatch(/one bulk query per shop/);
  });
});
