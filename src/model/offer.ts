import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { SkuSchema } from './scalars.js';
import { PriceSchema } from './money.js';

/**
 * The condition of an offered item.
 *
 * @example
 * ```ts
 * ConditionSchema.parse('new');
 * ```
 *
 * @category Canonical model
 */
export const ConditionSchema = /* @__PURE__ */ lazySchema(() => z.enum(['new', 'used', 'refurbished']));

/**
 * One sellable variant of a product on a marketplace: a SKU with its price (a Shopify variant,
 * an Amazon listing, a bol.com offer, an eBay offer).
 *
 * @example
 * ```ts
 * OfferSchema.parse({ sku: 'TSHIRT-RED-M', price: { amountMinor: 1999, currency: 'EUR' } });
 * ```
 *
 * @category Canonical model
 */
export const OfferSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    sku: SkuSchema,
    /** The marketplace's own id of the variant/offer, when it has one. */
    externalId: z.string().optional(),
    title: z.string().optional(),
    /** The price buyers pay; never negative. */
    price: PriceSchema,
    /** The "was" price shown struck through; never negative. */
    compareAtPrice: PriceSchema.optional(),
    /** The seller's cost, for margin rules; never negative. */
    cost: PriceSchema.optional(),
    barcode: z.string().optional(),
    condition: ConditionSchema.default('new'),
    /** Variant options, e.g. `{ color: 'red', size: 'M' }`. */
    options: z.record(z.string(), z.string()).default({}),
  }),
);

/**
 * One sellable variant. See {@link OfferSchema}.
 *
 * @category Canonical model
 */
export type Offer = z.infer<typeof OfferSchema>;

/**
 * An offer found by SKU with the id of the product that holds it: what
 * `BaseMarketplaceAPI.getOffersBySku` answers.
 *
 * @category Canonical model
 */
export interface OfferMatch {
  /** The SKU asked for. */
  sku: string;
  /** The marketplace's id of the product (listing) that holds the offer. */
  productId: string;
  offer: Offer;
}

/**
 * A price change for one SKU.
 *
 * @example
 * ```ts
 * PriceUpdateSchema.parse({ sku: 'A-1', price: { amountMinor: 1299, currency: 'EUR' } });
 * ```
 *
 * @category Canonical model
 */
export const PriceUpdateSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    sku: SkuSchema,
    /** The new price; never negative. */
    price: PriceSchema,
    /** The new compare-at price; `null` removes it, omitted leaves it as it is. Never negative. */
    compareAtPrice: PriceSchema.nullable().optional(),
  }),
);

/**
 * A price change for one SKU. See {@link PriceUpdateSchema}.
 *
 * @category Canonical model
 */
export type PriceUpdate = z.infer<typeof PriceUpdateSchema>;
