import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.js';

const operations = (h: Harness) =>
  h.requests.map((request) => /^\s*(?:query|mutation)\s+(\w+)/.exec(request.query)![1]);

describe('ShopifyMarketplace.getOffersBySku', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('finds offers and their products with one search, the currency in the same answer, without reading the catalog', async () => {
    h = createHarness({ simulator: { products: 300, variantsPerProduct: 2, currency: 'USD' } });
    const { shopify, simulator, clock } = h;
    const matches = await clock.drive(() => shopify.getOffersBySku(['SKU-600', 'SKU-3', 'NO-SUCH']));
    expect(matches.map((m) => m.sku).sort()).toEqual(['SKU-3', 'SKU-600']);
    const last = matches.find((m) => m.sku === 'SKU-600')!;
    const variant = simulator.state.variantsBySku.get('SKU-600')!;
    expect(last.productId).toBe(String(variant.productId));
    expect(last.offer).toMatchObject({
      sku: 'SKU-600',
      externalId: String(variant.id),
      price: { amountMinor: 1199, currency: 'USD' },
    });
    expect(operations(h)).toEqual(['MbOffersBySku']);
    // The currency was learned from the lookup: the price write after it does not read the shop.
    await clock.drive(() => shopify.updatePrices([{ sku: 'SKU-3', price: { amountMinor: 1250, currency: 'USD' } }]));
    expect(operations(h)).toEqual(['MbOffersBySku', 'MbVariantsBySku', 'MbVariantsBulkUpdate']);
  });

  it('keeps only variants whose SKU is exactly one asked for (Shopify search matches more)', async () => {
    h = createHarness({ simulator: { products: 3 } });
    const { shopify, simulator, clock } = h;
    // The search for "SKU-1" also answers SKU-2's variant, as a token or prefix match would.
    simulator.state.variantsBySku.set('SKU-1', simulator.state.variantsBySku.get('SKU-2')!);
    const matches = await clock.drive(() => shopify.getOffersBySku(['SKU-1', 'SKU-3']));
    expect(matches.map((m) => m.sku)).toEqual(['SKU-3']);
  });

  it('is declared as a capability', () => {
    h = createHarness();
    expect(h.shopify.capabilities.supports('getOffersBySku')).toBe(true);
  });
});
