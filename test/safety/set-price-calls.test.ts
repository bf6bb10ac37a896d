import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { RealWorldAdapter } from '../../src/safety/index.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { ShopifySimulator } from '../../src/testing/shopify/index.js';

const clock = new FakeClock();
const simulator = new ShopifySimulator({ shop: 'sim-shop.test', clock, products: 60, variantsPerProduct: 2 });
const server = setupServer(...simulator.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe("an agent's set_price on Shopify in sandbox mode", () => {
  it('records the prior price, writes and reads back in 4 GraphQL calls, without reading the catalog', async () => {
    const adapter = new RealWorldAdapter({ mode: 'sandbox', context: { clock, store: new MemoryStore({ clock }), logger: silentLogger } });
    const config = { shop: 'sim-shop', accessToken: simulator.accessToken, endpoint: 'https://sim-shop.test/admin/api/2026-10', timeoutMs: 0 };
    (await adapter.initializeMarketplaceConnection({ marketplace: 'shopify', config }))._unsafeUnwrap();
    const before = { ...simulator.stats.byOperation };
    const result = await clock.drive(() => adapter.executeAction({ type: 'set_price', sku: 'SKU-120', price: { amountMinor: 1249, currency: 'EUR' } }));
    const report = result._unsafeUnwrap();
    expect(report).toMatchObject({ status: 'applied', verification: { ok: true }, before: { 'offer:SKU-120.price': { amountMinor: 1199, currency: 'EUR' } } });
    expect(simulator.state.variantsBySku.get('SKU-120')!.price).toBe('12.49');
    const calls = Object.fromEntries(Object.entries(simulator.stats.byOperation).map(([op, n]) => [op, n - (before[op] ?? 0)]).filter(([, n]) => n !== 0));
    expect(calls).toEqual({ MbOffersBySku: 2, MbVariantsBySku: 1, MbVariantsBulkUpdate: 1 });
  });

  it('refuses an unknown SKU after one lookup, sending nothing', async () => {
    const adapter = new RealWorldAdapter({ mode: 'sandbox', context: { clock, store: new MemoryStore({ clock }), logger: silentLogger } });
    const config = { shop: 'sim-shop', accessToken: simulator.accessToken, endpoint: 'https://sim-shop.test/admin/api/2026-10', timeoutMs: 0 };
    (await adapter.initializeMarketplaceConnection({ marketplace: 'shopify', config }))._unsafeUnwrap();
    const requests = simulator.stats.requests;
    const result = await clock.drive(() => adapter.executeAction({ type: 'set_price', sku: 'NO-SUCH', price: { amountMinor: 1249, currency: 'EUR' } }));
    expect(result._unsafeUnwrapErr()).toMatchObject({ reason: 'not_found', report: { status: 'blocked' } });
    expect(simulator.stats.requests - requests).toBe(1);
  });
});
