import type { Result } from 'neverthrow';
import type { Failure } from '../../core/result.js';
import type { Product, ProductInput } from '../../model/product.js';

/**
 * Why a mapping failed:
 * - `invalid_payload`: a platform payload did not have the expected shape;
 * - `invalid_record`: the canonical record (after overrides) is not valid;
 * - `unknown_marketplace`: no mapper is registered for that marketplace;
 * - `unmapped_category`: a category has no entry in that marketplace's category map;
 * - `transform_failed`: a field mapping's transform threw.
 *
 * @category Data mapper
 */
export type MappingFailureReason =
  | 'invalid_payload'
  | 'invalid_record'
  | 'unknown_marketplace'
  | 'unmapped_category'
  | 'transform_failed';

/**
 * One problem found while mapping, with the precise path to it.
 *
 * @category Data mapper
 */
export interface MappingIssue {
  path: string;
  message: string;
}

/**
 * The error side of a mapping `Result`: a reason and every issue with its path.
 *
 * @category Data mapper
 */
export type MappingFailure = Failure<MappingFailureReason> & {
  details?: { issues?: MappingIssue[]; [key: string]: unknown };
};

/**
 * Per-marketplace defaults filled in where a record leaves them out.
 *
 * @category Data mapper
 */
export interface MarketplaceDefaults {
  /** Offer condition. */
  condition?: 'new' | 'used' | 'refurbished';
  /** Currency of prices given without one. */
  currency?: string;
  /** The platform's listing type (e.g. eBay `FixedPriceItem`); passed to the connector's mapper. */
  listingType?: string;
}

/**
 * What a connector's mapper gets besides the record: the marketplace, its defaults and the
 * platform category the category map chose.
 *
 * @category Data mapper
 */
export interface MappingContext {
  marketplace: string;
  defaults: MarketplaceDefaults;
  categoryId?: string;
}

/**
 * The per-connector half of mapping: platform payload ↔ canonical product. Each connector
 * ships one; {@link DataMapper} adds the user's overrides around it.
 *
 * @example
 * ```ts
 * const myShopMapper: PlatformMapper<MyShopItem> = {
 *   platform: 'my-shop',
 *   toCanonical: (payload) => parseWith(MyShopItemSchema, payload).map(toProduct),
 *   fromCanonical: (product, context) => ({ name: product.title, category: context.categoryId, sku: product.offers[0].sku }),
 * };
 * ```
 *
 * @category Data mapper
 */
export interface PlatformMapper<P = unknown> {
  /** The marketplace name this mapper serves. */
  readonly platform: string;
  /** Parses an untrusted platform payload; issues carry paths into the payload. */
  toCanonical(payload: unknown, context: MappingContext): Result<Product, MappingFailure>;
  /** Builds the platform's payload from a valid canonical product. */
  fromCanonical(product: ProductInput, context: MappingContext): P;
}

/**
 * A user override: move (rename) a field and optionally transform its value. Applied to the
 * canonical record before it goes to a marketplace; `reverse` undoes the transform on the way
 * back (renames are undone automatically).
 *
 * @category Data mapper
 */
export interface FieldMapping {
  /** The path the value is taken from (and removed). */
  from: string;
  /** The path the value is written to. */
  to: string;
  /** Changes the value on the way to the marketplace. */
  transform?: (value: unknown, record: Record<string, unknown>) => unknown;
  /** Changes it back on the way from the marketplace. */
  reverse?: (value: unknown, record: Record<string, unknown>) => unknown;
}
