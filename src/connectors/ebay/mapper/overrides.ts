import type { Product, ProductInput } from '../../../model/product.js';
import type { EbayInventoryItem, EbayOffer, EbayOfferInput } from '../types.js';
import { EBAY_DEFAULT_CONDITIONS, type CanonicalCondition, type EbayCondition } from './condition.js';

/**
 * Your changes to how products map to eBay and back. Every hook gets the connector's draft
 * and returns the payload to use; leave a hook out to keep the connector's mapping.
 *
 * @example
 * ```ts
 * const mapping: EbayMappingOptions = {
 *   conditions: { used: 'USED_GOOD' },
 *   offer: (draft, product) => ({ ...draft, quantityLimitPerBuyer: 2, categoryId: categories[product.categoryId ?? ''] ?? draft.categoryId }),
 *   product: (draft, source) => ({ ...draft, attributes: { ...draft.attributes, mpn: source.item.product?.mpn ?? '' } }),
 * };
 * ```
 *
 * @category Platform types and mapping
 */
export interface EbayMappingOptions {
  /** The eBay condition written for each canonical condition (default {@link EBAY_DEFAULT_CONDITIONS}). */
  conditions?: Partial<Record<CanonicalCondition, EbayCondition>>;
  /** The canonical condition read for eBay conditions (default: by grade, see `canonicalCondition`). */
  conditionsFromEbay?: Partial<Record<EbayCondition, CanonicalCondition>>;
  /** Changes the inventory item written for a product (createOrReplaceInventoryItem). */
  inventoryItem?: (draft: EbayInventoryItem, product: ProductInput) => EbayInventoryItem;
  /** Changes the offer written for a product (createOffer, updateOffer). */
  offer?: (draft: EbayOfferInput, product: ProductInput) => EbayOfferInput;
  /** Changes the canonical product read from an inventory item and its offers. */
  product?: (
    draft: Product,
    source: { item: EbayInventoryItem & { sku: string }; offers: readonly EbayOffer[] },
  ) => Product;
}

/**
 * The condition table in force: the defaults with your overrides on top.
 *
 * @example
 * ```ts
 * conditionTable({ used: 'USED_GOOD' }).used; // 'USED_GOOD'
 * ```
 */
export function conditionTable(
  overrides: EbayMappingOptions['conditions'] = {},
): Record<CanonicalCondition, EbayCondition> {
  return {
    new: overrides.new ?? EBAY_DEFAULT_CONDITIONS.new,
    used: overrides.used ?? EBAY_DEFAULT_CONDITIONS.used,
    refurbished: overrides.refurbished ?? EBAY_DEFAULT_CONDITIONS.refurbished,
  };
}
