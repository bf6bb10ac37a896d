import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { EbayOfferIndex } from '../../../src/connectors/ebay/index.js';
import { MarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../src/core/errors/marketplace-api-error.js';
import { money } from '../../../src/model/money.js';
import { silentLogger } from '../../../src/core/logger.js';
import { RealWorldAdapter } from '../../../src/safety/index.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { EbaySimulator } from '../../../src/testing/msw/index.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const calls = (simulator: EbaySimulator) =>
  Object.fromEntries(
    Object.entries(simulator.stats().operations)
      .filter(([, entry]) => entry.calls > 0)
      .map(([operation, entry]) => [operation, entry.calls]),
  );

describe('EbayMarketplace.getOffersBySku', () => {
  it('finds offers with one bulkGetInventoryItem and one getOffers per SKU, unknown SKUs stopping at the first call', async () => {
    const { ebay, simulator, store } = setup(server);
    simulator.addListing({ sku: 'MUG-1', title: 'Mug', price: money(1299, 'USD') });
    const draft = simulator.addListing({ sku: 'MUG-2', title: 'Mug 2', price: money(899, 'USD'), published: false });
    const matches = await ebay.getOffersBySku(['MUG-2', 'NO-SUCH', 'MUG-1', 'MUG-2']);
    expect(matches).toEqual([
      {
        sku: 'MUG-2',
        productId: 'MUG-2',
        offer: expect.objectContaining({ sku: 'MUG-2', title: 'Mug 2', price: { amountMinor: 899, currency: 'USD' } }),
      },
      {
        sku: 'MUG-1',
        productId: 'MUG-1',
        offer: expect.objectContaining({ sku: 'MUG-1', price: { amountMinor: 1299, currency: 'USD' } }),
      },
    ]);
    expect(calls(simulator)).toEqual({ bulkGetInventoryItem: 1, getOffers: 2 });
    expect(ebay.capabilities.supports('getOffersBySku')).toBe(true);
    // What getOffers taught is remembered for the next lookup and for price writes.
    expect((await new EbayOfferIndex(store, 'default', 'EBAY_US').get('MUG-2'))?.offerId).toBe(draft.offerId);
  });

  it('reads remembered offers by id (getOffer) instead of looking them up again, and recovers from a stale entry', async () => {
    const { ebay, simulator, store } = setup(server);
    simulator.addListing({ sku: 'A', title: 'A', price: money(100, 'USD') });
    simulator.addListing({ sku: 'B', title: 'B', price: money(200, 'USD') });
    await ebay.getOffersBySku(['A', 'B']);
    const index = new EbayOfferIndex(store, 'default', 'EBAY_US');
    expect((await index.get('A'))?.offerId).toBeTruthy();
    simulator.resetLimits();
    // B's offer was recreated elsewhere: the remembered id is unknown to eBay now.
    simulator.addListing({ sku: 'B', title: 'B', price: money(250, 'USD') });
    simulator.state.offers.get((await index.get('A'))!.offerId)!.price = money(150, 'USD');
    const matches = await ebay.getOffersBySku(['A', 'B']);
    expect(matches.map((match) => [match.sku, match.offer.price.amountMinor])).toEqual([
      ['A', 150],
      ['B', 250],
    ]);
    expect(calls(simulator)).toEqual({ bulkGetInventoryItem: 1, getOffer: 2, getOffers: 1 });
    expect((await index.get('B'))?.offerId).toBe(simulator.state.offers.ofSku('B')[0]!.offerId);
    // A deleted inventory item takes its offers with it: the index forgets them.
    simulator.state.items.delete('A');
    expect(await ebay.getOffersBySku(['A'])).toEqual([]);
    expect(await index.get('A')).toBeUndefined();
  });

  it('asks for 25 SKUs a call at most (the simulator refuses more, as eBay does)', async () => {
    const { ebay, simulator } = setup(server);
    const skus = Array.from({ length: 60 }, (_, i) => `S-${i}`);
    for (const sku of skus.slice(0, 3)) simulator.addListing({ sku, title: sku, price: money(500, 'USD') });
    const matches = await ebay.getOffersBySku(skus);
    expect(matches.map((match) => match.sku)).toEqual(['S-0', 'S-1', 'S-2']);
    expect(calls(simulator)).toEqual({ bulkGetInventoryItem: 3, getOffers: 3 });
  });

  it('leaves out items without a priced offer, and returns nothing for no SKUs without a call', async () => {
    const { ebay, simulator } = setup(server);
    simulator.state.items.set('DRAFT', { sku: 'DRAFT', locale: 'en_US', item: { product: { title: 'Draft' } } });
    expect(await ebay.getOffersBySku(['DRAFT'])).toEqual([]);
    expect(await ebay.getOffersBySku([])).toEqual([]);
    expect(calls(simulator)).toEqual({ bulkGetInventoryItem: 1, getOffers: 1 });
  });

  it("turns eBay's errors into typed errors, for the whole call and for one SKU", async () => {
    const { ebay, simulator } = setup(server);
    simulator.addListing({ sku: 'A', title: 'A', price: money(100, 'USD') });
    server.use(
      http.post(
        `${simulator.apiUrl}/sell/inventory/v1/bulk_get_inventory_item`,
        () =>
          HttpResponse.json(
            {
              errors: [
                {
                  errorId: 25709,
                  domain: 'API_INVENTORY',
                  category: 'REQUEST',
                  message: 'Invalid value for requests.',
                },
              ],
            },
            { status: 400 },
          ),
        { once: true },
      ),
    );
    const whole = await ebay.getOffersBySku(['A']).catch((error: unknown) => error);
    expect(whole).toBeInstanceOf(MarketplaceApiError);
    expect(whole).toMatchObject({ platform: 'ebay', status: 400 });
    server.use(
      http.post(
        `${simulator.apiUrl}/sell/inventory/v1/bulk_get_inventory_item`,
        () =>
          HttpResponse.json(
            {
              responses: [
                {
                  sku: 'A',
                  statusCode: 400,
                  errors: [{ errorId: 25709, category: 'REQUEST', message: 'Invalid value for sku.' }],
                },
              ],
            },
            { status: 207 },
          ),
        { once: true },
      ),
    );
    const one = await ebay.getOffersBySku(['A']).catch((error: unknown) => error);
    expect(one).toBeInstanceOf(MarketbridgeError);
    expect((one as MarketbridgeError).message).toMatch(/getOffersBySku \(A\).*Invalid value for sku/);
  });
});

describe("an agent's set_price on eBay through RealWorldAdapter in sandbox mode", () => {
  it('reads the price by SKU before and after the write, never scanning the catalog', async () => {
    const clock = new FakeClock();
    const credentials = { clientId: 'Acme-Sync-SBX-1a2b3c4d5-e6f7a8b9', clientSecret: 'SBX-1a2b3c4d5e6f-7a8b-9c0d' };
    const simulator = new EbaySimulator({ clock, environment: 'sandbox', ...credentials });
    for (let i = 0; i < 150; i++) simulator.addListing({ sku: `S-${i}`, title: `S ${i}`, price: money(1000, 'USD') });
    server.resetHandlers(...simulator.handlers);
    const adapter = new RealWorldAdapter({
      mode: 'sandbox',
      context: { clock, store: new MemoryStore({ clock }), logger: silentLogger },
    });
    const config = {
      environment: 'sandbox',
      credentials: { ...credentials, refreshToken: simulator.issueRefreshToken() },
      merchantLocationKey: 'default',
      timeoutMs: 0,
    };
    (await adapter.initializeMarketplaceConnection({ marketplace: 'ebay', config }))._unsafeUnwrap();
    simulator.resetLimits();
    const result = await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: 'S-149', price: money(1050, 'USD') }),
    );
    expect(result._unsafeUnwrap()).toMatchObject({
      status: 'applied',
      verification: { ok: true },
      before: { 'offer:S-149.price': { amountMinor: 1000, currency: 'USD' } },
    });
    expect(calls(simulator)).toEqual({
      bulkGetInventoryItem: 2,
      getOffers: 1,
      getOffer: 1,
      bulkUpdatePriceQuantity: 1,
    });
  });
});
