import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalCondition,
  createEbayProductMapper,
  EBAY_ATTRIBUTES,
  EBAY_CONDITIONS,
  fromEbayAmount,
  toEbayAmount,
} from '../../../src/connectors/ebay/index.js';
import { toEbayOrder } from '../../../src/connectors/ebay/mapper/order.js';
import { toEbayInventoryItem, toEbayOfferInput, toEbayProduct } from '../../../src/connectors/ebay/mapper/product.js';
import { toEbayInventoryLevels, mergeLocationQuantities } from '../../../src/connectors/ebay/mapper/inventory.js';
import { currencyExponent } from '../../../src/model/currency.js';
import { money } from '../../../src/model/money.js';
import { DataMapper } from '../../../src/sync/mapper/data-mapper.js';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'KWD', 'CHF', 'PLN'];

describe('eBay Amount ↔ Money', () => {
  it('round-trips every amount exactly, with the currency’s decimals (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(...CURRENCIES), (amountMinor, currency) => {
        const amount = toEbayAmount({ amountMinor, currency });
        const decimals = amount.value.split('.')[1]?.length ?? 0;
        return (
          decimals === currencyExponent(currency) && fromEbayAmount(amount)._unsafeUnwrap().amountMinor === amountMinor
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('reads eBay’s decimal strings without floats and refuses what does not fit the currency', () => {
    expect(fromEbayAmount({ value: '0.30', currency: 'USD' })._unsafeUnwrap()).toEqual({
      amountMinor: 30,
      currency: 'USD',
    });
    expect(fromEbayAmount({ value: '19.9', currency: 'USD' })._unsafeUnwrap().amountMinor).toBe(1990);
    expect(fromEbayAmount({ value: '1500', currency: 'JPY' })._unsafeUnwrap().amountMinor).toBe(1500);
    expect(fromEbayAmount({ value: '1.5', currency: 'JPY' }).isErr()).toBe(true);
    expect(fromEbayAmount({ value: '1,50', currency: 'EUR' }).isErr()).toBe(true);
    expect(fromEbayAmount({ value: '1.00', currency: 'XXZ' }).isErr()).toBe(true);
    expect(fromEbayAmount(undefined).isErr()).toBe(true);
    expect(toEbayAmount(money(5, 'KWD'))).toEqual({ value: '0.005', currency: 'KWD' });
  });
});

describe('eBay conditions', () => {
  it('maps every eBay condition to a canonical one, and the canonical ones to eBay defaults or overrides', () => {
    const mapped = Object.fromEntries(EBAY_CONDITIONS.map((condition) => [condition, canonicalCondition(condition)]));
    expect(mapped).toMatchObject({
      NEW: 'new',
      NEW_OTHER: 'new',
      NEW_WITH_DEFECTS: 'new',
      LIKE_NEW: 'used',
      USED_GOOD: 'used',
      FOR_PARTS_OR_NOT_WORKING: 'used',
      CERTIFIED_REFURBISHED: 'refurbished',
      SELLER_REFURBISHED: 'refurbished',
    });
    expect(canonicalCondition('LIKE_NEW', { LIKE_NEW: 'new' })).toBe('new');
    const product = { title: 'Lamp', offers: [{ sku: 'L-1', price: money(999, 'USD'), condition: 'used' as const }] };
    expect(toEbayInventoryItem(product, undefined, { marketplaceId: 'EBAY_US' }).condition).toBe('USED_EXCELLENT');
    expect(
      toEbayInventoryItem(product, undefined, {
        marketplaceId: 'EBAY_US',
        mapping: { conditions: { used: 'USED_GOOD' } },
      }).condition,
    ).toBe('USED_GOOD');
    // The exact eBay grade read from eBay is written back unchanged.
    expect(
      toEbayInventoryItem({ ...product, attributes: { [EBAY_ATTRIBUTES.condition]: 'USED_ACCEPTABLE' } }, undefined, {
        marketplaceId: 'EBAY_US',
      }).condition,
    ).toBe('USED_ACCEPTABLE');
  });
});

describe('eBay products', () => {
  const item = {
    sku: 'MUG-1',
    condition: 'NEW_OTHER',
    product: {
      title: 'Mug',
      brand: 'Acme',
      description: 'Blue mug',
      imageUrls: ['https://img/1.jpg'],
      aspects: { Colour: ['Blue', 'White'], Size: ['M'] },
      ean: ['4006381333931'],
    },
  };
  const offer = {
    offerId: '5005',
    sku: 'MUG-1',
    marketplaceId: 'EBAY_US',
    format: 'FIXED_PRICE',
    status: 'PUBLISHED',
    categoryId: '20625',
    pricingSummary: {
      price: { value: '12.99', currency: 'USD' },
      originalRetailPrice: { value: '15.00', currency: 'USD' },
    },
    listing: { listingId: '110553' },
  };

  it('reads an inventory item and its offer as a product (SKU, offer id, listing id, aspects, condition)', () => {
    const product = toEbayProduct(item, [offer], { marketplaceId: 'EBAY_US' })._unsafeUnwrap();
    expect(product).toMatchObject({
      id: 'MUG-1',
      title: 'Mug',
      brand: 'Acme',
      categoryId: '20625',
      status: 'active',
      images: ['https://img/1.jpg'],
      attributes: { Colour: 'Blue | White', Size: 'M', 'ebay:condition': 'NEW_OTHER', 'ebay:listingId': '110553' },
      offers: [
        {
          sku: 'MUG-1',
          externalId: '5005',
          price: { amountMinor: 1299, currency: 'USD' },
          compareAtPrice: { amountMinor: 1500, currency: 'USD' },
          barcode: '4006381333931',
          condition: 'new',
        },
      ],
    });
    expect(
      toEbayProduct(item, [{ ...offer, status: 'UNPUBLISHED', listing: { listingId: '1', listingStatus: 'ENDED' } }], {
        marketplaceId: 'EBAY_US',
      })._unsafeUnwrap().status,
    ).toBe('archived');
    expect(toEbayProduct(item, [], { marketplaceId: 'EBAY_US' })._unsafeUnwrapErr().reason).toBe('not_listable');
    expect(
      toEbayProduct(item, [{ ...offer, pricingSummary: { price: { value: '12.999', currency: 'USD' } } }], {
        marketplaceId: 'EBAY_US',
      })._unsafeUnwrapErr().reason,
    ).toBe('invalid_payload');
  });

  it('writes a product back as the same inventory item and offer (round trip)', () => {
    const product = toEbayProduct(item, [offer], { marketplaceId: 'EBAY_US' })._unsafeUnwrap();
    const written = toEbayInventoryItem(
      product,
      { availability: { shipToLocationAvailability: { quantity: 4 } } },
      { marketplaceId: 'EBAY_US' },
    );
    expect(written).toEqual({
      condition: 'NEW_OTHER',
      product: {
        title: 'Mug',
        description: 'Blue mug',
        brand: 'Acme',
        imageUrls: ['https://img/1.jpg'],
        aspects: { Colour: ['Blue', 'White'], Size: ['M'] },
        ean: ['4006381333931'],
      },
      availability: { shipToLocationAvailability: { quantity: 4 } },
    });
    const draft = toEbayOfferInput(
      product,
      { ...offer, quantityLimitPerBuyer: 2, tax: { applyTax: true } },
      { marketplaceId: 'EBAY_US' },
    );
    expect(draft).toMatchObject({
      sku: 'MUG-1',
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      categoryId: '20625',
      quantityLimitPerBuyer: 2,
      tax: { applyTax: true },
      pricingSummary: {
        price: { value: '12.99', currency: 'USD' },
        originalRetailPrice: { value: '15.00', currency: 'USD' },
      },
    });
    expect(draft).not.toHaveProperty('offerId');
    expect(draft).not.toHaveProperty('listing');
  });

  it('applies the user’s mapping hooks and, through the DataMapper, their category table', () => {
    const mapping = {
      offer: (draft: Record<string, unknown>) => ({ ...draft, quantityLimitPerBuyer: 1 }),
      product: (draft: { attributes: Record<string, string> } & Record<string, unknown>) => ({
        ...draft,
        attributes: { ...draft.attributes, source: 'ebay' },
      }),
    };
    const mapper = createEbayProductMapper({ marketplaceId: 'EBAY_US', mapping: mapping as never });
    const data = new DataMapper({ mappers: [mapper], categories: { ebay: { mugs: '20625' } } });
    const read = data.toCanonical('ebay', { item, offers: [offer] });
    expect(read._unsafeUnwrap().attributes.source).toBe('ebay');
    const out = data
      .toPlatform<{ offer: Record<string, unknown> }>('ebay', {
        title: 'Mug',
        categoryId: 'mugs',
        offers: [{ sku: 'MUG-1', price: money(1299, 'USD') }],
      })
      ._unsafeUnwrap();
    expect(out.offer).toMatchObject({ categoryId: '20625', quantityLimitPerBuyer: 1 });
    expect(data.toCanonical('ebay', { nope: true })._unsafeUnwrapErr().reason).toBe('invalid_payload');
  });
});

describe('eBay orders', () => {
  const order = {
    orderId: '12-03456-78901',
    legacyOrderId: '110000000001-1000000001',
    creationDate: '2026-01-02T10:00:00.000Z',
    lastModifiedDate: '2026-01-02T11:00:00.000Z',
    orderFulfillmentStatus: 'IN_PROGRESS',
    orderPaymentStatus: 'PAID',
    cancelStatus: { cancelState: 'NONE_REQUESTED' },
    pricingSummary: {
      priceSubtotal: { value: '35.97', currency: 'USD' },
      deliveryCost: { value: '5.00', currency: 'USD' },
      deliveryDiscount: { value: '-1.00', currency: 'USD' },
      tax: { value: '2.88', currency: 'USD' },
      total: { value: '42.85', currency: 'USD' },
    },
    fulfillmentStartInstructions: [
      {
        shippingStep: {
          shipTo: {
            fullName: 'Ann Buyer',
            email: 'Invalid Request',
            contactAddress: {
              addressLine1: '2145 Hamilton Ave',
              city: 'San Jose',
              stateOrProvince: 'CA',
              postalCode: '95125',
              countryCode: 'US',
            },
            primaryPhone: { phoneNumber: '4085551234' },
          },
        },
      },
    ],
    lineItems: [
      {
        lineItemId: '1',
        sku: 'MUG-1',
        title: 'Mug',
        quantity: 3,
        lineItemCost: { value: '35.97', currency: 'USD' },
        lineItemFulfillmentStatus: 'FULFILLED',
      },
      {
        lineItemId: '2',
        legacyItemId: '110553',
        quantity: 1,
        lineItemCost: { value: '0.00', currency: 'USD' },
        lineItemFulfillmentStatus: 'NOT_STARTED',
      },
    ],
  };

  it('maps an order with exact totals, unit prices from line costs, the address and statuses', () => {
    expect(toEbayOrder(order, 'USD')._unsafeUnwrap()).toMatchObject({
      id: '12-03456-78901',
      marketplace: 'ebay',
      status: 'partially_shipped',
      currency: 'USD',
      totals: {
        subtotal: { amountMinor: 3597 },
        shipping: { amountMinor: 400 },
        tax: { amountMinor: 288 },
        total: { amountMinor: 4285 },
      },
      lineItems: [
        { id: '1', sku: 'MUG-1', quantity: 3, unitPrice: { amountMinor: 1199, currency: 'USD' }, quantityShipped: 3 },
        { id: '2', sku: 'item:110553', quantity: 1, quantityShipped: 0 },
      ],
      shippingAddress: {
        name: 'Ann Buyer',
        line1: '2145 Hamilton Ave',
        city: 'San Jose',
        region: 'CA',
        postalCode: '95125',
        countryCode: 'US',
        phone: '4085551234',
      },
      buyer: { name: 'Ann Buyer' },
    });
    expect(toEbayOrder({ ...order, cancelStatus: { cancelState: 'CANCELED' } }, 'USD')._unsafeUnwrap()).toMatchObject({
      status: 'cancelled',
      lineItems: [{ quantityCancelled: 3 }, { quantityCancelled: 1 }],
    });
    expect(
      toEbayOrder(
        { ...order, orderPaymentStatus: 'PENDING', orderFulfillmentStatus: 'NOT_STARTED' },
        'USD',
      )._unsafeUnwrap().status,
    ).toBe('pending');
  });

  it('refuses an order whose money does not parse, naming the field', () => {
    const broken = {
      ...order,
      lineItems: [{ ...order.lineItems[0]!, lineItemCost: { value: '10.00', currency: 'USD' } }],
    };
    expect(toEbayOrder(broken, 'USD')._unsafeUnwrapErr().message).toMatch(
      /lineItems\[0\]\.lineItemCost 10.00 does not divide by the quantity 3/,
    );
    expect(
      toEbayOrder(
        { ...order, pricingSummary: { ...order.pricingSummary, total: { value: 'NaN', currency: 'USD' } } },
        'USD',
      )._unsafeUnwrapErr().message,
    ).toMatch(/pricingSummary.total/);
  });
});

describe('eBay stock levels', () => {
  it('shows the ship-to-home total first and merchant locations after it; location writes keep the others and sum up', () => {
    const item = {
      availability: {
        shipToLocationAvailability: {
          quantity: 7,
          availabilityDistributions: [
            { merchantLocationKey: 'A', quantity: 5 },
            { merchantLocationKey: 'B', quantity: 2 },
          ],
        },
      },
    };
    expect(toEbayInventoryLevels('S', item, 't').map((level) => `${level.locationId}=${level.available}`)).toEqual([
      'SHIP_TO_HOME=7',
      'A=5',
      'B=2',
    ]);
    expect(toEbayInventoryLevels('S', item, 't', 'B').map((level) => level.available)).toEqual([2]);
    expect(toEbayInventoryLevels('S', item, 't', 'C').map((level) => level.available)).toEqual([0]);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D'), fc.nat(1000)),
        fc.dictionary(fc.constantFrom('A', 'B', 'E'), fc.nat(1000)),
        (current, updates) => {
          const merged = mergeLocationQuantities(
            {
              availabilityDistributions: Object.entries(current).map(([merchantLocationKey, quantity]) => ({
                merchantLocationKey,
                quantity,
              })),
            },
            updates,
          );
          const byKey = Object.fromEntries(
            merged.availabilityDistributions!.map((entry) => [entry.merchantLocationKey, entry.quantity]),
          );
          const expected = { ...current, ...updates };
          return (
            JSON.stringify(Object.keys(byKey).sort()) === JSON.stringify(Object.keys(expected).sort()) &&
            Object.entries(expected).every(([key, value]) => byKey[key] === value) &&
            merged.quantity === Object.values(expected).reduce((a, b) => a + b, 0)
          );
        },
      ),
    );
  });
});
