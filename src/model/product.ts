import { lazySchema } from '../core/lazy-schema.js';
import { z } from 'zod';
import { TimestampSchema } from './scalars.js';
import { OfferSchema } from './offer.js';

/**
 * Whether a product is visible to buyers.
 *
 * @example
 * ```ts
 * ProductStatusSchema.parse('active');
 * ```
 *
 * @category Canonical model
 */
export const ProductStatusSchema = /* @__PURE__ */ lazySchema(() => z.enum(['active', 'draft', 'archived']));

/**
 * A product as a buyer sees it, with its offers (variants).
 *
 * @example
 * ```ts
 * ProductSchema.parse({
 *   id: 'P-1',
 *   title: 'T-shirt',
 *   status: 'active',
 *   offers: [{ sku: 'TSHIRT-M', price: { amountMinor: 1999, currency: 'EUR' } }],
 * });
 * ```
 *
 * @category Canonical model
 */
export const ProductSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    /** The marketplace's id of the product. */
    id: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
    brand: z.string().optional(),
    /** The marketplace's category id. */
    categoryId: z.string().optional(),
    status: ProductStatusSchema.default('active'),
    offers: z.array(OfferSchema).min(1, 'A product has at least one offer.'),
    images: z.array(z.string()).default([]),
    attributes: z.record(z.string(), z.string()).default({}),
    updatedAt: TimestampSchema.optional(),
  }),
);

/**
 * A product with its offers. See {@link ProductSchema}.
 *
 * @category Canonical model
 */
export type Product = z.infer<typeof ProductSchema>;

/** The offers of a product to write: at least one, and no SKU twice (a SKU names one offer). */
const OfferInputsSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .array(OfferSchema)
    .min(1, 'A product has at least one offer.')
    .superRefine((offers, context) => {
      const first = new Map<string, number>();
      offers.forEach((offer, i) => {
        const seen = first.get(offer.sku);
        if (seen === undefined) first.set(offer.sku, i);
        else
          context.addIssue({
            code: 'custom',
            path: [i, 'sku'],
            message: `SKU ${offer.sku} is already the SKU of offer ${seen}; each offer of a product needs its own SKU.`,
          });
      });
    }),
);

/**
 * A product to create or update. Without `id` it is created; with one, replaced. Its offers
 * have distinct SKUs.
 *
 * @example
 * ```ts
 * ProductInputSchema.parse({ title: 'Mug', offers: [{ sku: 'MUG-1', price: { amountMinor: 899, currency: 'EUR' } }] });
 * ```
 *
 * @category Canonical model
 */
export const ProductInputSchema = /* @__PURE__ */ lazySchema(() =>
  ProductSchema.extend({ id: z.string().min(1).optional(), offers: OfferInputsSchema }).omit({ updatedAt: true }),
);

/**
 * A product to create or update. See {@link ProductInputSchema}.
 *
 * @category Canonical model
 */
export type ProductInput = z.input<typeof ProductInputSchema>;
