import { err, ok, type Result } from 'neverthrow';
import { failure } from '../../../core/result.js';
import type { Offer } from '../../../model/offer.js';
import type { Product } from '../../../model/product.js';
import type { MappingFailure } from '../../../sync/mapper/types.js';
import type { MercadoLibreAttribute, MercadoLibreItem, MercadoLibreVariation } from '../types/index.js';
import { fromMercadoLibreAmount } from './money.js';
import { MercadoLibreItemPayloadSchema } from './schemas.js';

/**
 * The attribute id MercadoLibre keeps the seller's SKU in (on the item, or on each variation).
 *
 * @example
 * ```ts
 * const sku: MercadoLibreAttribute = { id: MERCADOLIBRE_SKU_ATTRIBUTE, value_name: 'MUG-1' };
 * ```
 *
 * @category Platform types and mapping
 */
export const MERCADOLIBRE_SKU_ATTRIBUTE = 'SELLER_SKU';

const attributeValue = (attributes: readonly MercadoLibreAttribute[] | undefined, id: string): string | undefined => {
  const value = attributes?.find((attribute) => attribute.id === id)?.value_name;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/**
 * The seller's SKU of an item or of one of its variations: the `SELLER_SKU` attribute, else
 * `seller_custom_field`; `undefined` when the seller gave none.
 *
 * @example
 * ```ts
 * mercadolibreSkuOf(item); // 'MUG-1'
 * mercadolibreSkuOf(item, item.variations![0]); // 'MUG-1-RED'
 * ```
 */
export function mercadolibreSkuOf(
  item: Pick<MercadoLibreItem, 'attributes' | 'seller_custom_field'>,
  variation?: Pick<MercadoLibreVariation, 'attributes' | 'seller_custom_field'>,
): string | undefined {
  const source = variation ?? item;
  const custom = source.seller_custom_field;
  return (
    attributeValue(source.attributes, MERCADOLIBRE_SKU_ATTRIBUTE) ??
    (typeof custom === 'string' && custom.trim() !== '' ? custom : undefined)
  );
}

/**
 * The SKU an offer gets in the canonical model: the seller's SKU, or, for listings without
 * one, the item id (`MLA1`) or item and variation id (`MLA1-174497701554`), which stock and
 * price writes also accept.
 *
 * @example
 * ```ts
 * offerSkuOf(item, variation); // 'MUG-1-RED', or 'MLA1-174497701554' without a SKU
 * ```
 */
export function offerSkuOf(item: MercadoLibreItem, variation?: MercadoLibreVariation): string {
  return mercadolibreSkuOf(item, variation) ?? (variation ? `${item.id}-${variation.id}` : item.id);
}

const STATUS: Record<string, Product['status']> = { active: 'active', closed: 'archived' };

/**
 * The canonical status of an item status: `active` → active, `closed` → archived, anything
 * else (`paused`, `under_review`, `inactive`, `payment_required`) → draft.
 *
 * @example
 * ```ts
 * productStatusOf('paused'); // 'draft'
 * ```
 */
export function productStatusOf(status: string): Product['status'] {
  return STATUS[status] ?? 'draft';
}

const conditionOf = (condition: string | undefined): Offer['condition'] =>
  condition === 'used' ? 'used' : condition === 'refurbished' ? 'refurbished' : 'new';

/**
 * An untrusted item payload → a canonical product: one offer per variation (or one for the
 * item), the SKU from `SELLER_SKU`/`seller_custom_field`, prices exact in the item's
 * `currency_id`, the attributes by id plus `listing_type_id`, `condition`, `site_id`,
 * `buying_mode` and `user_product_id`. Fails with every problem's path instead of throwing.
 *
 * @example
 * ```ts
 * const product = itemToProduct(await client.getItem('MLA1'));
 * if (product.isOk()) console.log(product.value.offers.map((offer) => offer.sku));
 * ```
 */
export function itemToProduct(payload: unknown): Result<Product, MappingFailure> {
  const parsed = MercadoLibreItemPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    return err({
      ...failure(
        'invalid_payload',
        `Not a MercadoLibre item: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      ),
      details: { issues },
    });
  }
  const item = parsed.data as unknown as MercadoLibreItem;
  const currency = item.currency_id;
  const offers: Offer[] = [];
  const sources = item.variations?.length
    ? item.variations.map((variation, index) => ({ variation, path: `variations.${index}.price` }))
    : [{ variation: undefined, path: 'price' }];
  for (const { variation, path } of sources) {
    const price = fromMercadoLibreAmount(variation?.price ?? item.price, currency, path);
    if (price.isErr()) return err(price.error);
    const options: Record<string, string> = {};
    for (const combination of variation?.attribute_combinations ?? []) {
      if (combination.name && combination.value_name) options[combination.name] = combination.value_name;
    }
    const barcode = attributeValue(variation?.attributes, 'GTIN') ?? attributeValue(item.attributes, 'GTIN');
    offers.push({
      sku: offerSkuOf(item, variation),
      externalId: variation ? String(variation.id) : item.id,
      title: item.title,
      price: price.value,
      condition: conditionOf(item.condition),
      options,
      ...(barcode ? { barcode } : {}),
    });
  }
  const attributes: Record<string, string> = {};
  for (const attribute of item.attributes ?? []) {
    if (attribute.value_name) attributes[attribute.id] = attribute.value_name;
  }
  for (const field of ['listing_type_id', 'condition', 'site_id', 'buying_mode', 'user_product_id'] as const) {
    const value = item[field];
    if (typeof value === 'string' && value !== '') attributes[field] = value;
  }
  const brand = attributeValue(item.attributes, 'BRAND');
  const product: Product = {
    id: item.id,
    title: item.title,
    status: productStatusOf(item.status),
    offers,
    images: (item.pictures ?? [])
      .map((picture) => picture.secure_url ?? picture.url)
      .filter((url): url is string => typeof url === 'string'),
    attributes,
    ...(item.category_id ? { categoryId: item.category_id } : {}),
    ...(brand ? { brand } : {}),
    ...(item.last_updated ? { updatedAt: new Date(item.last_updated).toISOString() } : {}),
  };
  return ok(product);
}
