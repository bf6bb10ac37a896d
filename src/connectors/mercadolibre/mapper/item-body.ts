import type { ValidationIssue } from '../../../core/errors/validation-error.js';
import type { ProductInput } from '../../../model/product.js';
import type { MercadoLibreVariation } from '../types/index.js';
import { MERCADOLIBRE_SKU_ATTRIBUTE } from './items.js';
import { toMercadoLibreAmount } from './money.js';

/**
 * What {@link itemBodyOf} needs besides the product: the listing's currency, the listing type
 * to use when the product names none, and, for an update, the item's current variations.
 *
 * @example
 * ```ts
 * const options: ItemBodyOptions = { currency: 'ARS', listingTypeId: 'gold_special' };
 * ```
 */
export interface ItemBodyOptions {
  currency: string;
  listingTypeId: string;
  /** The existing item's variations (updates): offers are matched to them by SKU. */
  existingVariations?: readonly { id: number; sku: string | undefined }[];
}

const ATTRIBUTE_ID = /^[A-Z][A-Z0-9_]*$/;
const RESERVED = new Set([
  'listing_type_id',
  'condition',
  'site_id',
  'buying_mode',
  'user_product_id',
  'available_quantity',
]);

const CONDITIONS: Record<string, string> = { new: 'new', used: 'used', refurbished: 'refurbished' };

/**
 * A canonical product → the body of `POST /items` (no `id`) or `PUT /items/{id}`: the price
 * in the listing's currency (variations of one item share it, so the offers must agree),
 * `SELLER_SKU` on the item or on each variation, option values as `attribute_combinations`,
 * upper-case attributes as MercadoLibre attributes, pictures by URL. Stock is not part of a
 * product: new items start with `attributes.available_quantity` (default 0, which MercadoLibre
 * shows as paused out of stock) and every variation with 0; set it with `setInventory`.
 * Returns the body, or every problem with its path (relative to the product).
 *
 * @example
 * ```ts
 * const { body, issues } = itemBodyOf(product, { currency: 'ARS', listingTypeId: 'gold_special' });
 * ```
 */
export function itemBodyOf(
  product: ProductInput,
  options: ItemBodyOptions,
): { body: Record<string, unknown>; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const creating = product.id === undefined;
  if (creating && !product.categoryId)
    issues.push({
      path: ['categoryId'],
      message:
        'MercadoLibre needs the category (categoryId, e.g. MLA1902) of a new item; map yours with the DataMapper.',
    });
  const prices = product.offers.map((offer, index) => {
    const amount = toMercadoLibreAmount(offer.price, options.currency);
    if (amount.isErr()) issues.push({ path: ['offers', index, 'price'], message: amount.error });
    return amount.unwrapOr(undefined);
  });
  const price = prices[0];
  prices.forEach((other, index) => {
    if (other !== undefined && price !== undefined && other !== price) {
      issues.push({
        path: ['offers', index, 'price'],
        message:
          'Variations of one MercadoLibre item share its price; give every offer the same price (or list them as separate products).',
      });
    }
  });
  const skus = new Set<string>();
  product.offers.forEach((offer, index) => {
    if (skus.has(offer.sku))
      issues.push({ path: ['offers', index, 'sku'], message: `SKU ${offer.sku} appears twice in this product.` });
    skus.add(offer.sku);
  });
  const quantityText = product.attributes?.available_quantity;
  const quantity = quantityText === undefined ? 0 : Number(quantityText);
  if (!Number.isSafeInteger(quantity) || quantity < 0)
    issues.push({ path: ['attributes', 'available_quantity'], message: 'Expected a whole number of units ≥ 0.' });

  const attributes: { id: string; value_name: string }[] = [];
  if (product.brand) attributes.push({ id: 'BRAND', value_name: product.brand });
  for (const [id, value] of Object.entries(product.attributes ?? {})) {
    if (ATTRIBUTE_ID.test(id) && id !== MERCADOLIBRE_SKU_ATTRIBUTE && id !== 'BRAND' && !RESERVED.has(id))
      attributes.push({ id, value_name: value });
  }
  const withVariations = product.offers.length > 1 || Object.keys(product.offers[0]?.options ?? {}).length > 0;
  const body: Record<string, unknown> = { title: product.title };
  if (price !== undefined) body.price = price;
  if (creating) {
    body.category_id = product.categoryId;
    body.currency_id = options.currency;
    body.buying_mode = 'buy_it_now';
    body.listing_type_id = product.attributes?.listing_type_id ?? options.listingTypeId;
    body.condition = CONDITIONS[product.offers[0]?.condition ?? 'new'] ?? 'new';
    if (!withVariations) body.available_quantity = quantity;
  }
  if (product.images?.length) body.pictures = product.images.map((source) => ({ source }));
  if (!withVariations) attributes.push({ id: MERCADOLIBRE_SKU_ATTRIBUTE, value_name: product.offers[0]!.sku });
  if (attributes.length) body.attributes = attributes;
  if (withVariations) {
    const existing = new Map(
      (options.existingVariations ?? []).filter((v) => v.sku !== undefined).map((v) => [v.sku!, v.id]),
    );
    body.variations = product.offers.map((offer) => {
      const id = existing.get(offer.sku);
      const variation: Partial<MercadoLibreVariation> & Record<string, unknown> = {
        ...(id !== undefined ? { id } : { available_quantity: 0 }),
        attribute_combinations: Object.entries(offer.options ?? {}).map(([name, value_name]) => ({ name, value_name })),
        attributes: [{ id: MERCADOLIBRE_SKU_ATTRIBUTE, value_name: offer.sku }],
      };
      if (price !== undefined) variation.price = price;
      return variation;
    });
  }
  return { body, issues };
}
