import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { EbayOfferIndex } from '../../../src/connectors/ebay/index.js';
import { NotFoundError } from '../../../src/core/errors/not-found-error.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import { money } from '../../../src/model/money.js';
import type { Product } from '../../../src/model/product.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

async function collect(products: AsyncIterable<Product>): Promise<Product[]> {
  const out: Product[] = [];
  for await (const product of products) out.push(product);
  return out;
}

describe('eBay catalog (inventory items and offers)', () => {
  it('lists products page by page, leaves out items eBay cannot list yet, and fills the offer index', async () => {
    const { ebay, simulator, store } = setup(server);
    for (let i = 0; i < 5; i++)
      simulator.addListing({ sku: `S-${i}`, title: `Item ${i}`, price: money(100 + i, 'USD'), published: i % 2 === 0 });
    simulator.state.items.set('NO-OFFER', {
      sku: 'NO-OFFER',
      locale: 'en_US',
      item: { product: { title: 'Draft only' } },
    });
    const products = await collect(ebay.listProducts({ pageSize: 2 }));
    expect(products.map((product) => `${product.id}:${product.status}`)).toEqual([
      'S-0:active',
      'S-1:draft',
      'S-2:active',
      'S-3:draft',
      'S-4:active',
    ]);
    expect(simulator.stats().operations.getInventoryItems?.calls).toBe(3);
    expect((await collect(ebay.listProducts({ status: 'draft' }))).map((product) => product.id)).toEqual([
      'S-1',
      'S-3',
    ]);
    expect((await new EbayOfferIndex(store, 'default', 'EBAY_US').get('S-3'))?.status).toBe('UNPUBLISHED');
    await expect(collect(ebay.listProducts({ updatedSince: '2026-01-01T00:00:00.000Z' }))).rejects.toThrow(
      /cannot filter inventory items by update time/,
    );
  });

  it('reads one product, or says there is none', async () => {
    const { ebay, simulator } = setup(server);
    simulator.addListing({ sku: 'A', title: 'A', price: money(100, 'USD') });
    expect((await ebay.getProduct('A')).offers[0]?.price).toEqual({ amountMinor: 100, currency: 'USD' });
    await expect(ebay.getProduct('NOPE')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates, publishes and later revises single-SKU products, keeping their stock', async () => {
    const { ebay, simulator } = setup(server);
    const product = { title: 'Mug', description: 'Blue', offers: [{ sku: 'MUG-1', price: money(1299, 'USD') }] };
    const created = await ebay.upsertProducts([product]);
    expect(created.items[0]).toMatchObject({
      ok: true,
      value: {
        id: 'MUG-1',
        status: 'active',
        offers: [{ externalId: expect.any(String) }],
        attributes: { 'ebay:listingId': expect.any(String) },
      },
    });
    await ebay.setInventory([{ sku: 'MUG-1', quantity: 6 }]);
    await ebay.upsertProducts([
      { ...product, title: 'Mug, revised', offers: [{ sku: 'MUG-1', price: money(1399, 'USD') }] },
    ]);
    const item = simulator.state.items.get('MUG-1')!;
    expect(item.item.product?.title).toBe('Mug, revised');
    expect(item.item.availability?.shipToLocationAvailability?.quantity).toBe(6);
    expect([...simulator.state.offers.values()].map((offer) => [offer.status, offer.price?.amountMinor])).toEqual([
      ['PUBLISHED', 1399],
    ]);
    expect(simulator.stats().operations.createOffer?.calls).toBe(1);
  });

  it('reports eBay’s refusal to publish per product, the rest going through', async () => {
    const { make } = setup(server);
    const ebay = make({ listingPolicies: undefined });
    const result = await ebay.upsertProducts([
      { title: 'Lamp', offers: [{ sku: 'LAMP-1', price: money(2500, 'USD') }] },
      { title: 'Lamp draft', status: 'draft', offers: [{ sku: 'LAMP-2', price: money(2500, 'USD') }] },
    ]);
    expect(result.items.map((item) => (item.ok ? item.value.status : item.error.message))).toEqual([
      expect.stringMatching(/25002.*listingPolicies\.fulfillmentPolicyId is required/),
      'draft',
    ]);
  });

  it('finds the offer it created when the answer was lost, instead of creating a second one', async () => {
    const { ebay, simulator } = setup(server);
    server.use(
      http.post('https://api.ebay.com/sell/inventory/v1/offer', async ({ request }) => {
        await simulator.fetch(request);
        return HttpResponse.json(
          { errors: [{ errorId: 25001, category: 'APPLICATION', message: 'A system error has occurred.' }] },
          { status: 500 },
        );
      }),
    );
    const result = await ebay.upsertProducts([
      { title: 'Mug', status: 'draft', offers: [{ sku: 'MUG-1', price: money(1299, 'USD') }] },
    ]);
    expect(result.succeeded).toBe(1);
    expect(simulator.state.offers.size).toBe(1);
  });

  it('rejects a batch eBay cannot take, whole, before sending', async () => {
    const { ebay, simulator } = setup(server);
    const attempt = ebay.upsertProducts([
      {
        title: 'Two variants',
        offers: [
          { sku: 'A', price: money(1, 'USD') },
          { sku: 'B', price: money(1, 'USD') },
        ],
      },
      { id: 'X', title: 'Wrong id', offers: [{ sku: 'Y', price: money(1, 'USD') }] },
      { title: 'T'.repeat(81), offers: [{ sku: 'Z', price: money(1, 'USD') }] },
      { title: 'Euro', offers: [{ sku: 'E', price: money(1, 'EUR') }] },
      { title: 'Code', offers: [{ sku: 'C', price: money(1, 'USD'), barcode: 'ABC' }] },
      { title: 'Dup', offers: [{ sku: 'C', price: money(1, 'USD') }] },
    ]);
    const error = (await attempt.catch((e: unknown) => e)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      '0.offers',
      '1.id',
      '2.title',
      '3.offers.0.price.currency',
      '4.offers.0.barcode',
      '5.offers.0.sku',
    ]);
    expect(simulator.stats().calls).toBe(0);
  });

  it('deletes products by SKU, one outcome each', async () => {
    const { ebay, simulator } = setup(server);
    simulator.addListing({ sku: 'A', price: money(1, 'USD') });
    const result = await ebay.deleteProducts(['A', 'GHOST']);
    expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual(['ok', 'not_found']);
    expect(simulator.state.items.has('A')).toBe(false);
    expect(simulator.state.offers.size).toBe(0);
  });

  it('names the marketplace and the listing language on the calls that take them (EBAY_DE: de-DE, EUR)', async () => {
    const { make, simulator } = setup(server, { marketplaceId: 'EBAY_DE' });
    const ebay = make({ marketplaceId: 'EBAY_DE' });
    const seen: string[] = [];
    server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      if (!url.pathname.startsWith('/identity'))
        seen.push(
          `${request.method} ${url.pathname} ${request.headers.get('x-ebay-c-marketplace-id')} ${request.headers.get('content-language')}`,
        );
    });
    const result = await ebay.upsertProducts([
      { title: 'Becher', status: 'draft', offers: [{ sku: 'B-1', price: money(899, 'EUR') }] },
    ]);
    server.events.removeAllListeners();
    expect(result.succeeded).toBe(1);
    expect(seen).toEqual(
      expect.arrayContaining([
        'PUT /sell/inventory/v1/inventory_item/B-1 EBAY_DE de-DE',
        'POST /sell/inventory/v1/offer EBAY_DE de-DE',
        'GET /sell/inventory/v1/offer EBAY_DE null',
      ]),
    );
    expect([...simulator.state.offers.values()][0]).toMatchObject({
      marketplaceId: 'EBAY_DE',
      price: { amountMinor: 899, currency: 'EUR' },
    });
    await expect(
      ebay.upsertProducts([{ title: 'Mug', offers: [{ sku: 'B-2', price: money(899, 'USD') }] }]),
    ).rejects.toThrow(/EBAY_DE lists in EUR/);
  });

  it('makes sure a merchant location exists', async () => {
    const { ebay, simulator } = setup(server);
    await ebay.ensureLocation('WH-1', {
      name: 'Main',
      locationTypes: ['WAREHOUSE'],
      location: { address: { postalCode: '95125', country: 'US' } },
    });
    await ebay.ensureLocation('WH-1', {
      name: 'Main',
      locationTypes: ['WAREHOUSE'],
      location: { address: { postalCode: '95125', country: 'US' } },
    });
    expect(simulator.stats().operations.createInventoryLocation?.calls).toBe(1);
    expect(simulator.state.locations.get('WH-1')?.merchantLocationStatus).toBe('ENABLED');
  });
});
