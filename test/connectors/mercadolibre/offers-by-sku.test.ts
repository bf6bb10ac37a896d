import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/core/errors/auth-error.js';
import { MarketplaceApiError } from '../../../src/core/errors/marketplace-api-error.js';
import { silentLogger } from '../../../src/core/logger.js';
import { RealWorldAdapter } from '../../../src/safety/index.js';
import { MemoryStore } from '../../../src/stores/memory-store.js';
import { FakeClock } from '../../../src/testing/fake-clock.js';
import { MercadoLibreSimulator } from '../../../src/testing/msw/index.js';
import { CLIENT_SECRET, recordRequests, setup, useMsw } from './harness.js';

const server = useMsw();
const API = 'https://api.mercadolibre.com';
const fast = { limits: { 'items-read': { ratePerSecond: 1000, burst: 1000 } } };

/** `GET /users/{id}/items/search` → `search`, `GET /items` → `multiget`, with the ids of a multiget. */
async function calls(recorder: ReturnType<typeof recordRequests>) {
  return (await recorder.all())
    .filter((request) => !request.path.startsWith('/oauth'))
    .map((request) =>
      request.path === '/items'
        ? `multiget:${request.query.ids!.split(',').length}`
        : request.path.endsWith('/items/search')
          ? `search:${request.query.seller_sku}`
          : `${request.method} ${request.path}`,
    );
}

describe('MercadoLibreMarketplace.getOffersBySku', () => {
  it('finds item and variation SKUs (SELLER_SKU or seller_custom_field) with one search per SKU and one multiget', async () => {
    const { ml, simulator, clock } = setup(server, fast, fast);
    const mug = simulator.catalog.addItem({ title: 'Mug', price: 1499.9, quantity: 3, sku: 'MUG-1' });
    const cup = simulator.catalog.addItem({
      title: 'Cup',
      price: 800,
      quantity: 1,
      sku: 'CUP-1',
      skuInCustomField: true,
    });
    const shirt = simulator.catalog.addItem({
      title: 'Shirt',
      price: 5000,
      variations: [
        { sku: 'SHIRT-RED', quantity: 2, options: { Color: 'Rojo' } },
        { sku: 'SHIRT-BLUE', quantity: 1, options: { Color: 'Azul' } },
      ],
    });
    simulator.catalog.addItem({ title: 'Other', price: 1, quantity: 1, sku: 'OTHER' });
    const recorder = recordRequests(server);
    const matches = await clock.drive(() => ml.getOffersBySku(['SHIRT-BLUE', 'NO-SUCH', 'MUG-1', 'CUP-1', 'MUG-1']));
    recorder.stop();
    expect(matches).toEqual([
      {
        sku: 'SHIRT-BLUE',
        productId: shirt.id,
        offer: expect.objectContaining({
          sku: 'SHIRT-BLUE',
          externalId: String(shirt.variations![1]!.id),
          price: { amountMinor: 500_000, currency: 'ARS' },
          options: { Color: 'Azul' },
        }),
      },
      {
        sku: 'MUG-1',
        productId: mug.id,
        offer: expect.objectContaining({ externalId: mug.id, price: { amountMinor: 149_990, currency: 'ARS' } }),
      },
      {
        sku: 'CUP-1',
        productId: cup.id,
        offer: expect.objectContaining({ price: { amountMinor: 80_000, currency: 'ARS' } }),
      },
    ]);
    expect(await calls(recorder)).toEqual([
      'search:SHIRT-BLUE',
      'search:NO-SUCH',
      'search:MUG-1',
      'search:CUP-1',
      'multiget:3',
    ]);
    expect(ml.capabilities.supports('getOffersBySku')).toBe(true);
  });

  it('reads SKUs in the fallback form (item id, item-variation id) by id, without a search', async () => {
    const { ml, simulator, clock } = setup(server, fast, fast);
    const plain = simulator.catalog.addItem({ title: 'No SKU', price: 100, quantity: 1 });
    const recorder = recordRequests(server);
    const matches = await clock.drive(() => ml.getOffersBySku([plain.id]));
    recorder.stop();
    expect(matches).toEqual([
      { sku: plain.id, productId: plain.id, offer: expect.objectContaining({ sku: plain.id }) },
    ]);
    expect(await calls(recorder)).toEqual(['multiget:1']);
  });

  it('reads more than 20 items in multigets of 20 at most (the simulator refuses more, as MercadoLibre does)', async () => {
    const { ml, simulator, clock } = setup(server, fast, fast);
    const skus = Array.from({ length: 45 }, (_, i) => `S-${i}`);
    for (const sku of skus) simulator.catalog.addItem({ title: sku, price: 10, quantity: 1, sku });
    const recorder = recordRequests(server);
    const matches = await clock.drive(() => ml.getOffersBySku(skus));
    recorder.stop();
    expect(matches.map((match) => match.sku)).toEqual(skus);
    const seen = await calls(recorder);
    expect(seen.filter((call) => call.startsWith('search:'))).toHaveLength(45);
    expect(seen.filter((call) => call.startsWith('multiget:'))).toEqual(['multiget:20', 'multiget:20', 'multiget:5']);
  });

  it('follows the search past its first page when a SKU is on more than 100 items (offset paging, 100 a page)', async () => {
    const { ml, simulator, clock } = setup(server, fast, fast);
    const items = Array.from({ length: 130 }, (_, i) =>
      simulator.catalog.addItem({ title: `Mug ${i}`, price: 10, quantity: 1, sku: 'MUG-SHARED' }),
    );
    const recorder = recordRequests(server);
    const matches = await clock.drive(() => ml.getOffersBySku(['MUG-SHARED']));
    recorder.stop();
    expect(matches.map((match) => match.productId).sort()).toEqual(items.map((item) => item.id).sort());
    const searches = (await recorder.all()).filter((request) => request.path.endsWith('/items/search'));
    expect(searches.map((request) => [request.query.limit, request.query.offset ?? '0'])).toEqual([
      ['100', '0'],
      ['100', '100'],
    ]);
  });

  it('refuses, typed, a SKU on more items than offset paging reaches (1,000) instead of answering with part of them', async () => {
    const { ml, simulator, clock } = setup(server, fast, fast);
    for (let i = 0; i < 1001; i += 1)
      simulator.catalog.addItem({ title: `Mug ${i}`, price: 10, quantity: 1, sku: 'MUG-MANY' });
    const failure = await clock.drive(() => ml.getOffersBySku(['MUG-MANY'])).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MarketplaceApiError);
    expect((failure as MarketplaceApiError).message).toContain('1001 items');
  });

  it("turns MercadoLibre's errors into typed errors: a refused search, a failed multiget entry", async () => {
    const { ml, simulator, clock } = setup(server, fast, fast);
    const mug = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 1, sku: 'MUG-1' });
    server.use(
      http.get(
        `${API}/users/:id/items/search`,
        () => HttpResponse.json({ message: 'forbidden', error: 'forbidden', status: 403, cause: [] }, { status: 403 }),
        { once: true },
      ),
    );
    await expect(clock.drive(() => ml.getOffersBySku(['MUG-1']))).rejects.toBeInstanceOf(AuthError);
    server.use(
      http.get(
        `${API}/items`,
        () =>
          HttpResponse.json([
            {
              code: 403,
              body: { message: `Item ${mug.id} belongs to another seller`, error: 'forbidden', status: 403, cause: [] },
            },
          ]),
        { once: true },
      ),
    );
    const error = await clock.drive(() => ml.getOffersBySku(['MUG-1'])).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MarketplaceApiError);
    expect(error).toMatchObject({
      platform: 'mercadolibre',
      operation: 'getOffersBySku',
      status: 403,
      retryable: false,
    });
    expect((error as Error).message).toMatch(/belongs to another seller/);
  });

  it('leaves out an item deleted between the search and the multiget', async () => {
    const { ml, simulator, clock } = setup(server, fast, fast);
    const mug = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 1, sku: 'MUG-1' });
    server.use(
      http.get(`${API}/items`, () =>
        HttpResponse.json([
          {
            code: 404,
            body: { message: `Item with id ${mug.id} not found`, error: 'not_found', status: 404, cause: [] },
          },
        ]),
      ),
    );
    expect(await clock.drive(() => ml.getOffersBySku(['MUG-1']))).toEqual([]);
  });
});

describe("an agent's set_price on MercadoLibre through RealWorldAdapter in sandbox mode", () => {
  it('reads the price by SKU before and after the write, never scanning the catalog', async () => {
    const clock = new FakeClock();
    const simulator = new MercadoLibreSimulator({ clock, baseUrl: 'http://mercadolibre.test' });
    for (let i = 0; i < 150; i++)
      simulator.catalog.addItem({ title: `S ${i}`, price: 1000, quantity: 1, sku: `S-${i}` });
    server.resetHandlers(...simulator.handlers);
    const adapter = new RealWorldAdapter({
      mode: 'sandbox',
      context: { clock, store: new MemoryStore({ clock }), logger: silentLogger },
    });
    const config = {
      site: 'MLA',
      sellerId: simulator.sellerId,
      credentials: {
        clientId: simulator.applicationId,
        clientSecret: CLIENT_SECRET,
        refreshToken: simulator.tokens.grant(simulator.sellerId),
      },
      endpoints: { api: simulator.baseUrl, token: simulator.tokenUrl },
      stock: 'items',
      timeoutMs: 0,
    };
    (await adapter.initializeMarketplaceConnection({ marketplace: 'mercadolibre', config }))._unsafeUnwrap();
    const recorder = recordRequests(server);
    const result = await clock.drive(() =>
      adapter.executeAction({ type: 'set_price', sku: 'S-149', price: { amountMinor: 105_000, currency: 'ARS' } }),
    );
    recorder.stop();
    expect(result._unsafeUnwrap()).toMatchObject({
      status: 'applied',
      verification: { ok: true },
      before: { 'offer:S-149.price': { amountMinor: 100_000, currency: 'ARS' } },
    });
    expect(await calls(recorder)).toEqual([
      'search:S-149',
      'multiget:1',
      `PUT /items/${[...simulator.state.items.keys()][149]}`,
      'search:S-149',
      'multiget:1',
    ]);
  });
});
