import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { MarketplaceFactory } from '../../../src/core/marketplace-factory.js';
import {
  SHOPIFY_DEFAULT_API_VERSION,
  ShopifyMarketplace,
  shopifyMarketplace,
} from '../../../src/connectors/shopify/index.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { ShopifySimulator } from '../../../src/connectors/shopify/simulator/index.js';

let close = () => {};
afterEach(() => close());

describe('configuration', () => {
  it('reports every problem at once', () => {
    try {
      new ShopifyMarketplace({ shop: 'evil.example.com', apiVersion: '2026-02', plan: 'gold' as never });
      expect.unreachable();
    } catch (error) {
      const issues = (error as { issues: { path: (string | number)[] }[] }).issues.map((issue) => issue.path.join('.'));
      expect(issues).toEqual(expect.arrayContaining(['shop', 'apiVersion', 'plan', 'accessToken']));
    }
  });

  it('normalises the shop, pins the default version and registers with a factory', async () => {
    const factory = new MarketplaceFactory().register(shopifyMarketplace);
    const shopify = await factory.create('shopify', { shop: 'Acme', accessToken: 'shpat_x' });
    expect(shopify).toBeInstanceOf(ShopifyMarketplace);
    expect((shopify as ShopifyMarketplace).config).toMatchObject({
      shop: 'acme.myshopify.com',
      apiVersion: SHOPIFY_DEFAULT_API_VERSION,
    });
    expect(shopify.capabilities.supports('setInventory')).toBe(true);
    expect(shopify.capabilities.supports('acknowledgeOrders')).toBe(false);
    expect(shopify.capabilities.inventoryCompareAndSet).toBe(true);
    // One read page (within the single-query cost limit) and one inventorySetQuantities call (at most 250) per chunk.
    expect(shopify.capabilities.maxBatchSize.setInventory).toBe(199);
    expect(shopify.capabilities.maxBatchSize.adjustInventory).toBe(199);
  });

  it('sends to an endpoint override (a proxy) instead of the shop', async () => {
    const clock = new FakeClock();
    const simulator = new ShopifySimulator({ clock });
    const server = setupServer(...simulator.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    close = () => server.close();
    const shopify = new ShopifyMarketplace(
      {
        shop: 'someone-else.myshopify.com',
        accessToken: simulator.accessToken,
        endpoint: simulator.endpoint('2026-01'),
        timeoutMs: 0,
      },
      { clock },
    );
    expect((await clock.drive(() => shopify.healthCheck())).ok).toBe(true);
    expect(simulator.stats().requests).toBe(1);
  });
});
