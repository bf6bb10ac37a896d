import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDefaultFactory } from '../../../src/core/default-factory.js';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import type { ValidationError } from '../../../src/core/errors/validation-error.js';
import {
  MercadoLibreConfigSchema,
  MercadoLibreMarketplace,
  mercadolibreProductMapper,
  orderStatusOf,
} from '../../../src/connectors/mercadolibre/index.js';
import { itemBodyOf } from '../../../src/connectors/mercadolibre/mapper/item-body.js';
import { itemToProduct, mercadolibreSkuOf } from '../../../src/connectors/mercadolibre/mapper/items.js';
import { fromMercadoLibreAmount, toMercadoLibreAmount } from '../../../src/connectors/mercadolibre/mapper/money.js';
import { mercadolibreStatusesFor } from '../../../src/connectors/mercadolibre/mapper/orders.js';
import { money } from '../../../src/model/money.js';
import { DataMapper } from '../../../src/sync/mapper/data-mapper.js';

describe('money at the MercadoLibre boundary', () => {
  it('round-trips every amount exactly, for currencies with and without decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_999_999_999_99 }),
        fc.constantFrom('ARS', 'BRL', 'MXN', 'CLP', 'COP'),
        (minor, currency) => {
          const amount = toMercadoLibreAmount({ amountMinor: minor, currency }, currency)._unsafeUnwrap();
          expect(JSON.parse(JSON.stringify({ amount })).amount).toBe(amount);
          expect(fromMercadoLibreAmount(amount, currency)._unsafeUnwrap()).toEqual({ amountMinor: minor, currency });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses other currencies, zero or negative prices, and more decimals than the currency has', () => {
    expect(toMercadoLibreAmount(money(100, 'USD'), 'ARS').isErr()).toBe(true);
    expect(toMercadoLibreAmount(money(0, 'ARS'), 'ARS').isErr()).toBe(true);
    expect(fromMercadoLibreAmount(10.5, 'CLP').isErr()).toBe(true);
    expect(fromMercadoLibreAmount('abc', 'ARS').isErr()).toBe(true);
    expect(fromMercadoLibreAmount(0.1 + 0.2, 'ARS').isErr()).toBe(true);
  });
});

describe('items ↔ products', () => {
  const item = {
    id: 'MLA1',
    site_id: 'MLA',
    title: 'Tee',
    category_id: 'MLA1902',
    price: 1500,
    currency_id: 'ARS',
    available_quantity: 3,
    listing_type_id: 'gold_special',
    condition: 'new',
    status: 'paused',
    buying_mode: 'buy_it_now',
    user_product_id: null,
    pictures: [{ url: 'http://x/1.jpg', secure_url: 'https://x/1.jpg' }],
    attributes: [
      { id: 'BRAND', value_name: 'Acme' },
      { id: 'GTIN', value_name: '7790001' },
    ],
    variations: [
      {
        id: 11,
        price: 1500,
        available_quantity: 1,
        attribute_combinations: [{ name: 'Talle', value_name: 'S' }],
        attributes: [{ id: 'SELLER_SKU', value_name: 'TEE-S' }],
      },
      {
        id: 12,
        price: 1500,
        available_quantity: 2,
        attribute_combinations: [{ name: 'Talle', value_name: 'M' }],
        seller_custom_field: 'TEE-M',
      },
      { id: 13, price: 1500, available_quantity: 0, attribute_combinations: [{ name: 'Talle', value_name: 'L' }] },
    ],
  };

  it('maps variations to offers: SKU from SELLER_SKU, else seller_custom_field, else item and variation id', () => {
    const product = itemToProduct(item)._unsafeUnwrap();
    expect(product).toMatchObject({
      id: 'MLA1',
      status: 'draft',
      brand: 'Acme',
      categoryId: 'MLA1902',
      images: ['https://x/1.jpg'],
      attributes: { BRAND: 'Acme', listing_type_id: 'gold_special', condition: 'new', site_id: 'MLA' },
    });
    expect(product.offers.map((offer) => [offer.sku, offer.externalId, offer.options, offer.barcode])).toEqual([
      ['TEE-S', '11', { Talle: 'S' }, '7790001'],
      ['TEE-M', '12', { Talle: 'M' }, '7790001'],
      ['MLA1-13', '13', { Talle: 'L' }, '7790001'],
    ]);
    expect(mercadolibreSkuOf({ attributes: [{ id: 'SELLER_SKU', value_name: ' ' }], seller_custom_field: 'CF' })).toBe(
      'CF',
    );
  });

  it('reports every problem of a hostile payload with its path instead of throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        const result = itemToProduct(payload);
        if (result.isErr()) expect(result.error.reason).toBe('invalid_payload');
      }),
      { numRuns: 500 },
    );
    const failed = itemToProduct({ ...item, variations: [{ ...item.variations[0], price: 'x' }] });
    expect(failed.isErr() && failed.error.details?.issues?.[0]?.path).toMatch(/variations\.0\.price/);
  });

  it('builds item bodies that round-trip through the mapper', () => {
    const product = itemToProduct(item)._unsafeUnwrap();
    const { body, issues } = itemBodyOf(
      { ...product, id: undefined, offers: product.offers.slice(0, 2) },
      { currency: 'ARS', listingTypeId: 'gold_special' },
    );
    expect(issues).toEqual([]);
    expect(body).toMatchObject({
      title: 'Tee',
      category_id: 'MLA1902',
      price: 1500,
      currency_id: 'ARS',
      condition: 'new',
      listing_type_id: 'gold_special',
    });
    expect((body.variations as unknown[]).length).toBe(2);
  });

  it('works in the DataMapper with category maps and field overrides', () => {
    const mapper = new DataMapper({
      mappers: [mercadolibreProductMapper],
      categories: { mercadolibre: { mugs: 'MLA1902' } },
      fieldMappings: { mercadolibre: [{ from: 'attributes.colour', to: 'attributes.COLOR' }] },
      defaults: { mercadolibre: { currency: 'ARS', listingType: 'gold_pro' } },
    });
    const body = mapper
      .toPlatform<Record<string, unknown>>('mercadolibre', {
        title: 'Mug',
        categoryId: 'mugs',
        offers: [{ sku: 'MUG-1', price: { amountMinor: 150000 } as never }],
        attributes: { colour: 'Rojo' },
      })
      ._unsafeUnwrap();
    expect(body).toMatchObject({
      category_id: 'MLA1902',
      listing_type_id: 'gold_pro',
      price: 1500,
      attributes: expect.arrayContaining([
        { id: 'COLOR', value_name: 'Rojo' },
        { id: 'SELLER_SKU', value_name: 'MUG-1' },
      ]),
    });
    expect(mapper.toCanonical('mercadolibre', { ...item, category_id: 'MLA1902' })._unsafeUnwrap().categoryId).toBe(
      'mugs',
    );
    expect(
      mapper
        .toPlatform('mercadolibre', {
          title: 'X',
          categoryId: 'plates',
          offers: [{ sku: 'P', price: money(1, 'ARS') }],
        })
        ._unsafeUnwrapErr().reason,
    ).toBe('unmapped_category');
  });
});

describe('order statuses', () => {
  it('maps every MercadoLibre status, with tags deciding shipped and delivered, and back to search filters', () => {
    expect(
      ['confirmed', 'payment_required', 'payment_in_process', 'partially_paid'].map((status) => orderStatusOf(status)),
    ).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(['cancelled', 'invalid', 'pending_cancel'].map((status) => orderStatusOf(status))).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect([
      orderStatusOf('paid'),
      orderStatusOf('paid', ['shipped']),
      orderStatusOf('partially_refunded', ['delivered']),
    ]).toEqual(['unshipped', 'shipped', 'delivered']);
    expect(mercadolibreStatusesFor(['shipped', 'cancelled']).sort()).toEqual([
      'cancelled',
      'invalid',
      'paid',
      'partially_refunded',
      'pending_cancel',
    ]);
  });
});

describe('configuration and registration', () => {
  it('reports every configuration problem at once', () => {
    const result = MercadoLibreConfigSchema.safeParse({
      site: 'XXX',
      sellerId: 'abc',
      credentials: { clientId: '', clientSecret: '' },
      limits: { 'items-write': { ratePerSecond: 0, burst: 1 } },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(
      [
        'credentials.clientId',
        'credentials.clientSecret',
        'limits.items-write.ratePerSecond',
        'sellerId',
        'site',
      ].sort(),
    );
    const error = (() => {
      try {
        return new MercadoLibreMarketplace({
          site: 'MLA',
          sellerId: 1,
          credentials: { clientId: 'x', clientSecret: 's' },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(isMarketbridgeError(error, 'validation_failed') && (error as ValidationError).issues[0]!.path).toEqual([
      'credentials',
      'clientId',
    ]);
  });

  it('is registered lazily in the default factory, with every canonical operation MercadoLibre supports', async () => {
    const factory = createDefaultFactory();
    const ml = await factory.create('mercadolibre', {
      site: 'MLB',
      sellerId: '123',
      credentials: { clientId: '456', clientSecret: 's' },
    });
    expect(ml).toBeInstanceOf(MercadoLibreMarketplace);
    expect([...ml.capabilities.operations].sort()).toEqual(
      [
        'cancelOrder',
        'confirmShipment',
        'deleteProducts',
        'getInventory',
        'getOrder',
        'getProduct',
        'getOffersBySku',
        'healthCheck',
        'listOrders',
        'listProducts',
        'setInventory',
        'updatePrices',
        'upsertProducts',
      ].sort(),
    );
    await expect(ml.adjustInventory([{ sku: 'A', delta: 1 }])).rejects.toMatchObject({ code: 'unsupported_operation' });
  });
});
