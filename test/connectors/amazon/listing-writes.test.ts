import { describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw, US } from './harness.js';

const server = useMsw();

/** A schedule price field as the Listings Items API writes it. */
const price = (value: number) => [{ schedule: [{ value_with_tax: value }] }];
const SALE = {
  discounted_price: [
    { schedule: [{ value_with_tax: 14.99, start_at: '2026-11-20T00:00:00Z', end_at: '2026-12-01T00:00:00Z' }] },
  ],
  minimum_seller_allowed_price: price(9.99),
  maximum_seller_allowed_price: price(39.99),
};
const HANDLING = { lead_time_to_ship_max_days: 3, restock_date: '2026-12-15' };

/** Records the JSON body of every request to `path` (a substring of the URL). */
function bodiesTo(server: ReturnType<typeof useMsw>, method: string, path: string) {
  const bodies: Record<string, unknown>[] = [];
  server.events.on('request:start', async ({ request }) => {
    if (request.method === method && request.url.includes(path))
      bodies.push((await request.clone().json()) as Record<string, unknown>);
  });
  return bodies;
}

describe('price and quantity changes leave the rest of the offer alone (merge, Listings Items 2021-08-01)', () => {
  it('the simulator applies a replace as Amazon does: the whole purchasable_offer is rewritten and the sale price is gone', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(1999, 'USD'), quantity: 5, offer: SALE });
    const replace = {
      op: 'replace' as const,
      path: '/attributes/purchasable_offer',
      value: [{ marketplace_id: US, currency: 'USD', our_price: price(17.99) }],
    };
    await clock.drive(() =>
      amazon.client.patchListingsItem({ sku: 'MUG-1', productType: 'PRODUCT', patches: [replace] }),
    );
    const offer = (
      simulator.state.listings.get('MUG-1')!.attributes.purchasable_offer as Record<string, unknown>[]
    )[0]!;
    expect(offer.our_price).toEqual(price(17.99));
    expect(offer.discounted_price).toBeUndefined();
    expect(offer.minimum_seller_allowed_price).toBeUndefined();
  });

  it('updatePrices changes our_price only: the sale price and the minimum and maximum seller-allowed prices stay', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(1999, 'USD'), quantity: 5, offer: SALE });
    const result = await clock.drive(() => amazon.updatePrices([{ sku: 'MUG-1', price: money(1799, 'USD') }]));
    expect(result.succeeded).toBe(1);
    const listing = simulator.state.listings.get('MUG-1')!;
    expect(listing.price).toEqual(money(1799, 'USD'));
    expect((listing.attributes.purchasable_offer as Record<string, unknown>[])[0]).toMatchObject({
      our_price: price(17.99),
      ...SALE,
    });
  });

  it('setInventory changes the quantity only: the handling time and restock date stay', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(1999, 'USD'), quantity: 5, availability: HANDLING });
    expect((await clock.drive(() => amazon.setInventory([{ sku: 'MUG-1', quantity: 40 }]))).succeeded).toBe(1);
    expect(simulator.state.listings.get('MUG-1')!.attributes.fulfillment_availability).toEqual([
      { fulfillment_channel_code: 'DEFAULT', quantity: 40, ...HANDLING },
    ]);
  });

  it('JSON_LISTINGS_FEED messages merge the same way', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (let i = 0; i < 3; i++)
      simulator.addListing({
        sku: `F-${i}`,
        price: money(1999, 'USD'),
        quantity: 5,
        offer: SALE,
        availability: HANDLING,
      });
    const result = await clock.drive(() =>
      amazon.updateListings(
        Array.from({ length: 3 }, (_, i) => ({ sku: `F-${i}`, price: money(1899, 'USD'), quantity: 7 })),
        { via: 'feed' },
      ),
    );
    expect(result.succeeded).toBe(3);
    const listing = simulator.state.listings.get('F-2')!;
    expect(listing).toMatchObject({ price: money(1899, 'USD'), quantity: 7 });
    expect((listing.attributes.purchasable_offer as Record<string, unknown>[])[0]).toMatchObject(SALE);
    expect(listing.attributes.fulfillment_availability).toEqual([
      { fulfillment_channel_code: 'DEFAULT', quantity: 7, ...HANDLING },
    ]);
  });

  it('the simulator refuses a merge without its selector fields, and a price in another currency', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({ sku: 'MUG-1', price: money(1999, 'USD'), quantity: 5 });
    const noSelector = await clock.drive(() =>
      amazon.client.patchListingsItem<{ status: string }>({
        sku: 'MUG-1',
        productType: 'PRODUCT',
        patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ quantity: 3 }] }],
      }),
    );
    expect(noSelector.status).toBe('INVALID');
    const euros = await clock.drive(() => amazon.updatePrices([{ sku: 'MUG-1', price: money(1799, 'EUR') }]));
    expect(euros.items[0]).toMatchObject({ ok: false, error: { message: expect.stringContaining('currency') } });
    expect(simulator.state.listings.get('MUG-1')).toMatchObject({ price: money(1999, 'USD'), quantity: 5 });
  });
});

describe('upsertProducts lists offers on existing ASINs (LISTING_OFFER_ONLY)', () => {
  it('a new SKU is put offer-only, matched to its ASIN, with condition, price and stock', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addCatalogItem({ asin: 'B0TEAPOT01', title: 'Blue Teapot', brand: 'Acme', productType: 'KITCHEN' });
    const puts = bodiesTo(server, 'PUT', '/listings/2021-08-01/items/');
    const result = await clock.drive(() =>
      amazon.upsertProducts([
        {
          title: 'Teapot',
          offers: [{ sku: 'TEA-1', externalId: 'B0TEAPOT01', price: money(2499, 'USD') }],
          attributes: { quantity: '12' },
        },
      ]),
    );
    server.events.removeAllListeners();
    expect(result.succeeded).toBe(1);
    expect(puts).toEqual([
      {
        productType: 'PRODUCT',
        requirements: 'LISTING_OFFER_ONLY',
        attributes: {
          merchant_suggested_asin: [{ value: 'B0TEAPOT01', marketplace_id: US }],
          condition_type: [{ value: 'new_new', marketplace_id: US }],
          purchasable_offer: [{ marketplace_id: US, currency: 'USD', audience: 'ALL', our_price: price(24.99) }],
          fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 12 }],
        },
      },
    ]);
    expect(simulator.state.listings.get('TEA-1')).toMatchObject({
      asin: 'B0TEAPOT01',
      title: 'Blue Teapot',
      price: money(2499, 'USD'),
      quantity: 12,
    });
    expect(await clock.drive(() => amazon.getProduct('TEA-1'))).toMatchObject({
      id: 'TEA-1',
      offers: [{ externalId: 'B0TEAPOT01', price: money(2499, 'USD') }],
    });
  });

  it('an existing SKU gets its price merged in: stock, sale price and handling time stay', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addListing({
      sku: 'MUG-1',
      asin: 'B0MUG00001',
      price: money(1999, 'USD'),
      quantity: 5,
      offer: SALE,
      availability: HANDLING,
    });
    const result = await clock.drive(() =>
      amazon.upsertProducts([
        { title: 'Mug', offers: [{ sku: 'MUG-1', externalId: 'B0MUG00001', price: money(2199, 'USD') }] },
      ]),
    );
    expect(result.succeeded).toBe(1);
    const listing = simulator.state.listings.get('MUG-1')!;
    expect(listing).toMatchObject({ price: money(2199, 'USD'), quantity: 5 });
    expect((listing.attributes.purchasable_offer as Record<string, unknown>[])[0]).toMatchObject(SALE);
    expect(listing.attributes.fulfillment_availability).toEqual([
      { fulfillment_channel_code: 'DEFAULT', quantity: 5, ...HANDLING },
    ]);
    expect(simulator.stats().operations.putListingsItem).toBeUndefined();
  });

  it('refuses the whole batch when a product names no ASIN, before anything is sent', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.addCatalogItem({ asin: 'B0TEAPOT01', title: 'Blue Teapot' });
    const error = await clock
      .drive(() =>
        amazon.upsertProducts([
          { title: 'Teapot', offers: [{ sku: 'TEA-1', externalId: 'B0TEAPOT01', price: money(2499, 'USD') }] },
          { title: 'New thing', offers: [{ sku: 'NEW-1', price: money(999, 'USD') }] },
        ]),
      )
      .catch((caught: unknown) => caught);
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect((error as Error).message).toMatch(/putListings/);
    expect(simulator.stats().operations).toEqual({});
  });

  it('an ASIN the catalog does not know fails that item with Amazon’s reason', async () => {
    const { amazon, clock } = setup(server);
    const result = await clock.drive(() =>
      amazon.upsertProducts([
        { title: 'Ghost', offers: [{ sku: 'G-1', externalId: 'B0NOTHERE0', price: money(999, 'USD') }] },
      ]),
    );
    expect(result.items[0]).toMatchObject({ ok: false, error: { message: expect.stringContaining('B0NOTHERE0') } });
  });
});

describe('putListings: a full listing takes its product type and attributes from the caller', () => {
  const attributes = {
    item_name: [{ value: 'Blue Mug', marketplace_id: US }],
    brand: [{ value: 'Acme', marketplace_id: US }],
    externally_assigned_product_identifier: [{ type: 'ean', value: '4006381333931', marketplace_id: US }],
    condition_type: [{ value: 'new_new', marketplace_id: US }],
    purchasable_offer: [{ marketplace_id: US, currency: 'USD', audience: 'ALL', our_price: price(12.5) }],
    fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 4 }],
  };

  it('creates the listing with requirements LISTING and reads it back', async () => {
    const { amazon, simulator, clock } = setup(server);
    const result = await clock.drive(() =>
      amazon.putListings([{ sku: 'MUG-9', productType: 'KITCHEN', requirements: 'LISTING', attributes }]),
    );
    expect(result.succeeded).toBe(1);
    expect(simulator.state.listings.get('MUG-9')).toMatchObject({
      productType: 'KITCHEN',
      title: 'Blue Mug',
      price: money(1250, 'USD'),
      quantity: 4,
    });
  });

  it('the simulator refuses a full listing without its product facts; the connector refuses PRODUCT up front', async () => {
    const { amazon, simulator, clock } = setup(server);
    const { brand: _brand, ...withoutBrand } = attributes;
    const missing = await clock.drive(() =>
      amazon.putListings([{ sku: 'MUG-9', productType: 'KITCHEN', attributes: withoutBrand }]),
    );
    expect(missing.items[0]).toMatchObject({ ok: false, error: { message: expect.stringContaining('[brand]') } });
    const generic = await amazon
      .putListings([{ sku: 'MUG-9', productType: 'PRODUCT', attributes }])
      .catch((caught: unknown) => caught);
    expect(isMarketbridgeError(generic, 'validation_failed')).toBe(true);
    expect(simulator.state.listings.has('MUG-9')).toBe(false);
  });
});
