import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { MarketplaceActionSchema } from '../../src/model/action.js';
import { RealWorldAdapter } from '../../src/safety/index.js';
import { plannedOperationOf } from '../../src/safety/planned-action.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { ShopifySimulator } from '../../src/connectors/shopify/simulator/index.js';
import { simulationAdapter } from './helpers.js';

const clock = new FakeClock();
const simulator = new ShopifySimulator({ shop: 'sim-shop.test', clock, products: 60, variantsPerProduct: 2 });
const server = setupServer(...simulator.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe("an agent's set_price on Shopify in sandbox mode", () => {
  it('records the prior price, writes and reads back in 4 GraphQL calls, without reading the catalog', async () => {
    const adapter = new RealWorldAdapter({
      mode: 'sandbox',
      context: { clock, store: new MemoryStore({ clock }), logger: silentLogger },
    });
    const config = {
      shop: 'sim-shop',
      accessToken: simulator.accessToken,
      endpoint: 'https://sim-shop.test/admin/api/2026-10',
      timeoutMs: 0,
    };
    (await adapter.initializeMarketplaceConnection({ marketplace: 'shopify', config }))._unsafeUnwrap();
    const before = { ...simulator.stats().byOperation };
    const result = await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: 'SKU-120', price: { amountMinor: 1249, currency: 'EUR' } }),
    );
    const report = result._unsafeUnwrap();
    expect(report).toMatchObject({
      status: 'applied',
      verification: { ok: true },
      before: { 'offer:SKU-120.price': { amountMinor: 1199, currency: 'EUR' } },
    });
    expect(simulator.state.variantsBySku.get('SKU-120')!.price).toBe('12.49');
    const calls = Object.fromEntries(
      Object.entries(simulator.stats().byOperation)
        .map(([op, n]) => [op, n - (before[op] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
    expect(calls).toEqual({ MbOffersBySku: 2, MbVariantsBySku: 1, MbVariantsBulkUpdate: 1 });
  });

  it('refuses an unknown SKU after one lookup, sending nothing', async () => {
    const adapter = new RealWorldAdapter({
      mode: 'sandbox',
      context: { clock, store: new MemoryStore({ clock }), logger: silentLogger },
    });
    const config = {
      shop: 'sim-shop',
      accessToken: simulator.accessToken,
      endpoint: 'https://sim-shop.test/admin/api/2026-10',
      timeoutMs: 0,
    };
    (await adapter.initializeMarketplaceConnection({ marketplace: 'shopify', config }))._unsafeUnwrap();
    const requests = simulator.stats().requests;
    const result = await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: 'NO-SUCH', price: { amountMinor: 1249, currency: 'EUR' } }),
    );
    expect(result._unsafeUnwrapErr()).toMatchObject({ reason: 'not_found', report: { status: 'blocked' } });
    expect(simulator.stats().requests - requests).toBe(1);
  });
});

describe('an action on its way through executeAction', () => {
  async function connected() {
    const { adapter, simulated } = await simulationAdapter();
    const offer = simulated.snapshot().products[0]!.offers[0]!;
    return {
      adapter,
      sku: offer.sku,
      price: { amountMinor: offer.price.amountMinor + 100, currency: offer.price.currency },
    };
  }

  it('is parsed once and translated once on its way to the marketplace', async () => {
    const { adapter, sku, price } = await connected();
    const parse = vi.spyOn(MarketplaceActionSchema, 'safeParse');
    const check = vi.spyOn(adapter.validator, 'testSafetyConstraints');
    try {
      const result = await adapter.executeAction({ type: 'set_price', sku, price });
      expect(result._unsafeUnwrap().status).toBe('applied');
      expect(parse).toHaveBeenCalledTimes(1);
      // The validator was handed the planned action itself, which it takes without parsing.
      expect(check).toHaveBeenCalledTimes(1);
      expect(plannedOperationOf(check.mock.calls[0]![0][0])).toMatchObject({
        operation: 'updatePrices',
        payload: [{ sku, price }],
      });
    } finally {
      parse.mockRestore();
      check.mockRestore();
    }
  });

  it('that was checked is what runs: the parsed action is frozen, an edited copy is parsed again', async () => {
    const { adapter, sku, price } = await connected();
    const report = (await adapter.executeAction({ type: 'set_price', sku, price }))._unsafeUnwrap();
    expect(Object.isFrozen(report.action)).toBe(true);
    expect(() => ((report.action as { sku: string }).sku = 'OTHER')).toThrow(TypeError);
    const edited = { ...report.action, price: { amountMinor: -5, currency: price.currency } };
    expect((await adapter.executeAction(edited))._unsafeUnwrapErr().reason).toBe('invalid_action');
  });
});
