import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import type { ProductInput } from '../../src/model/product.js';
import { DataMapper, parseWith } from '../../src/sync/mapper/data-mapper.js';
import type { PlatformMapper } from '../../src/sync/mapper/types.js';

const RUNS = Number(process.env.MB_PROPERTY_RUNS ?? 200);

const ShopItem = z.object({
  name: z.string().min(1),
  category: z.string().optional(),
  variants: z
    .array(
      z.object({
        sku: z.string().min(1),
        price: z.string().regex(/^\d+\.\d{2}$/),
        currency: z.string().length(3),
        condition: z.enum(['new', 'used', 'refurbished']),
      }),
    )
    .min(1),
  props: z.record(z.string(), z.string()).default({}),
  listing: z.string().optional(),
});
type ShopItem = z.infer<typeof ShopItem>;

const shop: PlatformMapper<ShopItem> = {
  platform: 'my-shop',
  toCanonical: (payload) =>
    parseWith(ShopItem, payload).map((item) => ({
      id: item.variants[0]!.sku,
      title: item.name,
      status: 'active' as const,
      ...(item.category === undefined ? {} : { categoryId: item.category }),
      offers: item.variants.map((v) => ({
        sku: v.sku,
        price: { amountMinor: Number(v.price.replace('.', '')), currency: v.currency },
        condition: v.condition,
        options: {},
      })),
      images: [],
      attributes: item.props,
    })),
  fromCanonical: (product, context) => ({
    name: product.title,
    ...(product.categoryId === undefined ? {} : { category: product.categoryId }),
    variants: product.offers.map((o) => ({
      sku: o.sku,
      price: `${Math.trunc(o.price.amountMinor / 100)}.${String(o.price.amountMinor % 100).padStart(2, '0')}`,
      currency: o.price.currency,
      condition: o.condition ?? 'new',
    })),
    props: product.attributes ?? {},
    ...(context.defaults.listingType === undefined ? {} : { listing: context.defaults.listingType }),
  }),
};

const mapper = new DataMapper({
  mappers: [shop],
  column_mapping: {
    'Item SKU': 'offers.0.sku',
    Name: 'title',
    'Price cents': 'offers.0.price.amountMinor',
    Colour: 'attributes.colour',
    Cat: 'categoryId',
  },
  fieldMappings: {
    '*': [
      {
        from: 'attributes.colour',
        to: 'attributes.color',
        transform: (v) => String(v).toLowerCase(),
        reverse: (v) => String(v).toUpperCase(),
      },
    ],
  },
  categories: { 'my-shop': { mugs: 'KITCHEN-12' } },
  defaults: { '*': { currency: 'EUR' }, 'my-shop': { condition: 'used', listingType: 'fixed' } },
});

describe('DataMapper', () => {
  it('maps a flat row with column_mapping and defaults, then to the platform with renames, categories and defaults', () => {
    const product = mapper
      .fromRow(
        { 'Item SKU': 'MUG-1', Name: 'Mug', 'Price cents': '1299', Colour: 'BLUE', Cat: 'mugs', Ignored: 'x' },
        'my-shop',
      )
      ._unsafeUnwrap();
    expect(product.offers[0]).toMatchObject({
      sku: 'MUG-1',
      price: { amountMinor: 1299, currency: 'EUR' },
      condition: 'used',
    });
    const payload = mapper.toPlatform<ShopItem>('my-shop', product)._unsafeUnwrap();
    expect(payload).toEqual({
      name: 'Mug',
      category: 'KITCHEN-12',
      variants: [{ sku: 'MUG-1', price: '12.99', currency: 'EUR', condition: 'used' }],
      props: { color: 'blue' },
      listing: 'fixed',
    });
    const back = mapper.toCanonical('my-shop', payload)._unsafeUnwrap();
    expect(back).toMatchObject({ title: 'Mug', categoryId: 'mugs', attributes: { colour: 'BLUE' } });
  });

  it('rejects untrusted payloads with precise paths, never throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        const result = mapper.toCanonical('my-shop', payload);
        if (result.isErr()) {
          expect(result.error.reason).toBe('invalid_payload');
          expect(result.error.details?.issues?.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
    const bad = mapper.toCanonical('my-shop', {
      name: 'x',
      variants: [
        { sku: 'A', price: '1.00', currency: 'EUR', condition: 'new' },
        { sku: 'B', price: '1.5', currency: 'EUR', condition: 'mint' },
      ],
    });
    expect(bad._unsafeUnwrapErr().details?.issues?.map((i) => i.path)).toEqual([
      'variants[1].price',
      'variants[1].condition',
    ]);
  });

  it('round-trips every valid product through the platform mapper', () => {
    const offer = fc.record({
      sku: fc.stringMatching(/^[A-Z][A-Z0-9-]{0,10}$/),
      price: fc.record({ amountMinor: fc.integer({ min: 0, max: 10_000_000 }), currency: fc.constant('EUR') }),
      condition: fc.constantFrom('new', 'used', 'refurbished') as fc.Arbitrary<'new' | 'used' | 'refurbished'>,
      options: fc.constant({}),
    });
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.uniqueArray(offer, { minLength: 1, maxLength: 4, selector: (o) => o.sku }),
        (title, offers) => {
          const input: ProductInput = { title, offers, status: 'active', images: [], attributes: {} };
          const payload = mapper.toPlatform<ShopItem>('my-shop', input)._unsafeUnwrap();
          const back = mapper.toCanonical('my-shop', payload)._unsafeUnwrap();
          expect(back.offers.map((o) => [o.sku, o.price.amountMinor, o.condition])).toEqual(
            offers.map((o) => [o.sku, o.price.amountMinor, o.condition]),
          );
          expect(back.title).toBe(title);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('explains unmapped categories, unknown marketplaces and invalid records as Result errors', () => {
    const product: ProductInput = {
      title: 'T',
      categoryId: 'lamps',
      offers: [{ sku: 'L-1', price: { amountMinor: 100, currency: 'EUR' } }],
    };
    expect(mapper.toPlatform('my-shop', product)._unsafeUnwrapErr().reason).toBe('unmapped_category');
    expect(mapper.toPlatform('other', product)._unsafeUnwrapErr().reason).toBe('unknown_marketplace');
    const invalid = mapper.fromRow({ 'Item SKU': '', Name: '', 'Price cents': '12.5' });
    expect(invalid._unsafeUnwrapErr().details?.issues?.map((i) => i.path)).toEqual([
      'title',
      'offers[0].sku',
      'offers[0].price.amountMinor',
    ]);
  });

  it('reports every bad option at once', () => {
    expect(() => new DataMapper({ mappers: [shop, shop, {} as never], column_mapping: { A: '' } })).toThrow(
      ValidationError,
    );
  });
});
