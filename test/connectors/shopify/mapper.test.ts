import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromGid, toGid } from '../../../src/connectors/shopify/gid.js';
import {
  orderStatusOf,
  toInventoryLevel,
  toOffer,
  toOrder,
  toProduct,
  toProductSetVariables,
} from '../../../src/connectors/shopify/mapper.js';
import { normalizeShopDomain } from '../../../src/connectors/shopify/shop-domain.js';
import type { ShopifyOrderNode, ShopifyVariantNode } from '../../../src/connectors/shopify/types.js';
import { formatMoney } from '../../../src/model/money.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 200);
const variant = (over: Partial<ShopifyVariantNode> = {}): ShopifyVariantNode => ({
  id: 'gid://shopify/ProductVariant/11',
  sku: 'A-1',
  title: 'Red / M',
  price: '19.99',
  compareAtPrice: null,
  barcode: null,
  selectedOptions: [
    { name: 'Color', value: 'Red' },
    { name: 'Size', value: 'M' },
  ],
  inventoryItem: { id: 'gid://shopify/InventoryItem/21' },
  ...over,
});
const bag = (amount: string, currencyCode = 'EUR') => ({ shopMoney: { amount, currencyCode } });

describe('GIDs', () => {
  it('round-trip between GIDs and ids', () => {
    expect(toGid('Product', '7')).toBe('gid://shopify/Product/7');
    expect(toGid('Product', 'gid://shopify/Product/7')).toBe('gid://shopify/Product/7');
    expect(fromGid('gid://shopify/InventoryItem/7?inventory_item_id=7')).toBe('7');
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 63n }), (n) => fromGid(toGid('Order', String(n))) === String(n)),
      { numRuns: runs },
    );
  });
});

describe('money', () => {
  it('decimal strings become integer minor units per currency exponent', () => {
    expect(toOffer(variant({ price: '19.99' }), 'EUR')._unsafeUnwrap().price).toEqual({
      amountMinor: 1999,
      currency: 'EUR',
    });
    expect(toOffer(variant({ price: '1500.0' }), 'JPY')._unsafeUnwrap().price).toEqual({
      amountMinor: 1500,
      currency: 'JPY',
    });
    expect(toOffer(variant({ price: '1.234' }), 'KWD')._unsafeUnwrap().price).toEqual({
      amountMinor: 1234,
      currency: 'KWD',
    });
    expect(toOffer(variant({ price: '1.5' }), 'JPY').isErr()).toBe(true);
  });

  it('formatMoney → Shopify → canonical is the identity for every amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.constantFrom('EUR', 'JPY', 'KWD', 'USD'),
        (amountMinor, currency) => {
          const price = formatMoney({ amountMinor, currency });
          return toOffer(variant({ price }), currency)._unsafeUnwrap().price.amountMinor === amountMinor;
        },
      ),
      { numRuns: runs },
    );
  });
});

describe('products and variants', () => {
  it('variants become offers with options; a variant without SKU is refused with a reason', () => {
    const offer = toOffer(variant({ compareAtPrice: '25.00', barcode: '871' }), 'EUR')._unsafeUnwrap();
    expect(offer).toMatchObject({
      sku: 'A-1',
      externalId: '11',
      options: { Color: 'Red', Size: 'M' },
      compareAtPrice: { amountMinor: 2500 },
      barcode: '871',
    });
    expect(toOffer(variant({ sku: null }), 'EUR')._unsafeUnwrapErr().reason).toBe('missing_sku');
  });

  it('maps a product and builds productSet variables that map back', () => {
    const product = toProduct(
      {
        id: 'gid://shopify/Product/5',
        title: 'Tee',
        descriptionHtml: '<p>x</p>',
        vendor: 'Acme',
        status: 'DRAFT',
        updatedAt: '2026-11-22T10:00:00Z',
        productType: 'Shirts',
        variants: { nodes: [variant()], pageInfo: { hasNextPage: false, endCursor: null } },
      },
      'EUR',
    )._unsafeUnwrap();
    expect(product).toMatchObject({
      id: '5',
      status: 'draft',
      brand: 'Acme',
      categoryId: 'Shirts',
      description: '<p>x</p>',
    });
    const { input, identifier } = toProductSetVariables(product);
    expect(identifier).toEqual({ id: 'gid://shopify/Product/5' });
    expect(input).toMatchObject({
      title: 'Tee',
      status: 'DRAFT',
      vendor: 'Acme',
      productOptions: [
        { name: 'Color', values: [{ name: 'Red' }] },
        { name: 'Size', values: [{ name: 'M' }] },
      ],
    });
    expect((input.variants as Record<string, unknown>[])[0]).toMatchObject({
      id: 'gid://shopify/ProductVariant/11',
      sku: 'A-1',
      price: '19.99',
      optionValues: [
        { optionName: 'Color', name: 'Red' },
        { optionName: 'Size', name: 'M' },
      ],
    });
  });

  it("a product without options gets Shopify's default Title option", () => {
    const { input } = toProductSetVariables({
      title: 'Mug',
      offers: [{ sku: 'M-1', price: { amountMinor: 899, currency: 'EUR' } }],
    });
    expect(input.productOptions).toEqual([{ name: 'Title', values: [{ name: 'Default Title' }] }]);
  });
});

describe('inventory levels', () => {
  it('on_hand counts every state: reserved is what is on hand but not available; version is the compare value', () => {
    const level = toInventoryLevel('A-1', {
      updatedAt: '2026-11-22T10:00:00Z',
      location: { id: 'gid://shopify/Location/3' },
      quantities: [
        { name: 'available', quantity: 5 },
        { name: 'committed', quantity: 2 },
        { name: 'on_hand', quantity: 8 },
      ],
    });
    expect(level._unsafeUnwrap()).toEqual({
      sku: 'A-1',
      locationId: '3',
      available: 5,
      reserved: 3,
      onHand: 8,
      updatedAt: '2026-11-22T10:00:00Z',
      version: 5,
    });
  });
});

describe('orders', () => {
  const node = (over: Partial<ShopifyOrderNode> = {}): ShopifyOrderNode => ({
    id: 'gid://shopify/Order/9',
    name: '#1009',
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-21T10:00:00Z',
    cancelledAt: null,
    closed: false,
    displayFulfillmentStatus: 'PARTIALLY_FULFILLED',
    email: 'a@b.c',
    currencyCode: 'EUR',
    customer: { displayName: 'Ann' },
    subtotalPriceSet: bag('20.00'),
    totalShippingPriceSet: bag('4.95'),
    totalTaxSet: bag('0.00'),
    totalPriceSet: bag('24.95'),
    shippingAddress: {
      name: 'Ann',
      company: null,
      address1: 'Damrak 1',
      address2: null,
      city: 'Amsterdam',
      provinceCode: null,
      zip: '1012 LG',
      countryCodeV2: 'NL',
      phone: null,
    },
    lineItems: {
      nodes: [
        {
          id: 'gid://shopify/LineItem/1',
          sku: 'A-1',
          title: 'Tee',
          quantity: 3,
          currentQuantity: 2,
          unfulfilledQuantity: 1,
          originalUnitPriceSet: bag('10.00'),
        },
      ],
      pageInfo: { hasNextPage: false, endCursor: null },
    },
    ...over,
  });

  it('maps totals, lines, quantities shipped and cancelled, address and buyer', () => {
    const order = toOrder(node())._unsafeUnwrap();
    expect(order).toMatchObject({
      id: '9',
      status: 'partially_shipped',
      currency: 'EUR',
      totals: { total: { amountMinor: 2495 }, shipping: { amountMinor: 495 } },
      buyer: { name: 'Ann', email: 'a@b.c' },
      shippingAddress: { line1: 'Damrak 1', countryCode: 'NL', postalCode: '1012 LG' },
    });
    expect(order.lineItems[0]).toMatchObject({
      id: '1',
      quantity: 3,
      quantityShipped: 1,
      quantityCancelled: 1,
      unitPrice: { amountMinor: 1000 },
    });
  });

  it('maps statuses', () => {
    expect(orderStatusOf({ cancelledAt: '2026-11-21T10:00:00Z', displayFulfillmentStatus: 'UNFULFILLED' })).toBe(
      'cancelled',
    );
    expect(orderStatusOf({ cancelledAt: null, displayFulfillmentStatus: 'FULFILLED' })).toBe('shipped');
    expect(orderStatusOf({ cancelledAt: null, displayFulfillmentStatus: 'ON_HOLD' })).toBe('pending');
    expect(orderStatusOf({ cancelledAt: null, displayFulfillmentStatus: 'UNFULFILLED' })).toBe('unshipped');
  });

  it('an unparseable amount is a failure with a reason, not an exception', () => {
    expect(toOrder(node({ totalPriceSet: bag('12,50') }))._unsafeUnwrapErr().reason).toBe('invalid_money');
  });
});

describe('shop domains', () => {
  it('normalises and refuses anything but *.myshopify.com', () => {
    expect(normalizeShopDomain('Acme')._unsafeUnwrap()).toBe('acme.myshopify.com');
    expect(normalizeShopDomain('https://acme.myshopify.com/admin')._unsafeUnwrap()).toBe('acme.myshopify.com');
    expect(normalizeShopDomain('')._unsafeUnwrapErr().reason).toBe('empty');
    expect(normalizeShopDomain('evil.com/?.myshopify.com')._unsafeUnwrapErr().reason).toBe('invalid_characters');
    expect(normalizeShopDomain('acme.myshopify.com.evil.com')._unsafeUnwrapErr().reason).toBe('not_myshopify');
    expect(normalizeShopDomain('shop.example.com')._unsafeUnwrapErr().reason).toBe('not_myshopify');
  });
});

describe('the DataMapper contract', () => {
  it("shopifyProductMapper applies the user's category table and defaults both ways", async () => {
    const { DataMapper } = await import('../../../src/sync/mapper/data-mapper.js');
    const { shopifyProductMapper } = await import('../../../src/connectors/shopify/platform-mapper.js');
    const mapper = new DataMapper({
      mappers: [shopifyProductMapper],
      defaults: { shopify: { currency: 'EUR' } },
      categories: { shopify: { mugs: 'Kitchen' } },
    });
    const node = {
      id: 'gid://shopify/Product/5',
      title: 'Mug',
      descriptionHtml: '',
      vendor: '',
      status: 'ACTIVE' as const,
      updatedAt: '2026-11-22T10:00:00Z',
      productType: 'Kitchen',
      variants: {
        nodes: [variant({ sku: 'MUG-1', price: '8.99' })],
        pageInfo: { hasNextPage: false, endCursor: null },
      },
    };
    const product = mapper.toCanonical('shopify', node)._unsafeUnwrap();
    expect(product).toMatchObject({
      id: '5',
      categoryId: 'mugs',
      offers: [{ sku: 'MUG-1', price: { amountMinor: 899, currency: 'EUR' } }],
    });
    const back = mapper.toPlatform<{ input: Record<string, unknown> }>('shopify', product)._unsafeUnwrap();
    expect(back.input.productType).toBe('Kitchen');
    expect(mapper.toCanonical('shopify', { nope: true })._unsafeUnwrapErr().reason).toBe('invalid_payload');
  });
});
