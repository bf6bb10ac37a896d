import { z } from 'zod';
import { TimestampSchema } from './common.js';
import { OfferSchema } from './offer.js';

/**
 * Whether a product is visible to buyers.
 *
 * @example
 * ```ts
 * ProductStatusSchema.parse('active');
 * ```
 */
export const ProductStatusSchema = z.enum(['active', 'draft', 'archived']);

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
 */
export const ProductSchema = z.object({
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
});

/**
 * A product with its offers. See {@link ProductSchema}.
 *
 * @example
 * ```ts
 * const title = (product: Product) => product.title;
 * ```
 */
export type Product = z.infer<typeof ProductSchema>;

/**
 * A product to create or update. Without `id` it is created; with one, replaced.
 *
 * @example
 * ```ts
 * ProductInputSchema.parse({ title: 'Mug', offers: [{ sku: 'MUG-1', price: { amountMinor: 899, currency: 'EUR' } }] });
 * ```
 */
export const ProductInputSchema = ProductSchema.extend({ id: z.string().min(1).optional() }).omit({ updatedAt: true });

/**
 * A product to create or update. See {@link ProductInputSchema}.
 *
 * @example
 * ```ts
 * const input: ProductInput = ProductInputSchema.parse({ title: 'Mug', offers: [{ sku: 'M', price: { amountMinor: 1, currency: 'EUR' } }] });
 * ```
 */
export type ProductInput = z.input<typeof ProductInputSchema>;
