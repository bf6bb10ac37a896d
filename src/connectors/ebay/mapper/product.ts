import { err, ok, type Result } from 'neverthrow';
import { failure, type Failure } from '../../../core/result.js';
import { ProductSchema, type Product, type ProductInput } from '../../../model/product.js';
import type { EbayInventoryItem, EbayOffer, EbayOfferInput } from '../types.js';
import { canonicalCondition, isEbayCondition } from './condition.js';
import { fromEbayAmount, toEbayAmount } from './money.js';
import { conditionTable, type EbayMappingOptions } from './overrides.js';

/**
 * Canonical attribute keys that carry eBay fields with no canonical home. Other attributes are
 * the item's aspects (item specifics).
 *
 * @example
 * ```ts
 * product.attributes[EBAY_ATTRIBUTES.condition]; // 'NEW_OTHER'
 * ```
 *
 * @category Platform types and mapping
 */
export const EBAY_ATTRIBUTES = Object.freeze({
  /** The exact eBay condition, kept so that a read product writes back the same grade. */
  condition: 'ebay:condition',
  conditionDescription: 'ebay:conditionDescription',
  /** The live listing's id (read only). */
  listingId: 'ebay:listingId',
  mpn: 'ebay:mpn',
  epid: 'ebay:epid',
});

/**
 * How multi-valued aspects are joined in one canonical attribute value (and split back).
 *
 * @example
 * ```ts
 * ['Red', 'Blue'].join(EBAY_ASPECT_SEPARATOR); // 'Red | Blue'
 * ```
 *
 * @category Platform types and mapping
 */
export const EBAY_ASPECT_SEPARATOR = ' | ';

/**
 * Why an inventory item did not become a product: `not_listable` (no title, or no offer with a
 * price: a draft that eBay cannot list yet) or `invalid_payload` (eBay's data did not parse).
 */
export type EbayProductFailure = Failure<'not_listable' | 'invalid_payload'>;

/**
 * What the product mapping needs to know besides the payloads.
 *
 * @example
 * ```ts
 * const options: EbayProductMappingOptions = { marketplaceId: 'EBAY_US', mapping: { conditions: { used: 'USED_GOOD' } } };
 * ```
 */
export interface EbayProductMappingOptions {
  marketplaceId: string;
  mapping?: EbayMappingOptions | undefined;
}

/**
 * The offer of a SKU that the connector works with: the fixed-price offer on the configured
 * marketplace (eBay allows one per SKU and marketplace), else the first.
 *
 * @example
 * ```ts
 * const offer = primaryOffer(offers, 'EBAY_US');
 * ```
 */
export function primaryOffer(offers: readonly EbayOffer[], marketplaceId: string): EbayOffer | undefined {
  return (
    offers.find(
      (offer) => offer.marketplaceId === marketplaceId && (offer.format ?? 'FIXED_PRICE') === 'FIXED_PRICE',
    ) ??
    offers.find((offer) => offer.marketplaceId === marketplaceId) ??
    offers[0]
  );
}

function barcodeOf(item: EbayInventoryItem): string | undefined {
  return item.product?.ean?.[0] ?? item.product?.upc?.[0] ?? item.product?.isbn?.[0];
}

/**
 * A canonical product from an inventory item and its offers: the SKU is the product id, the
 * primary offer gives price, status (published → `active`, ended → `archived`, else `draft`)
 * and category, aspects become attributes.
 *
 * @example
 * ```ts
 * const product = toEbayProduct({ sku: 'MUG-1', condition: 'NEW', product: { title: 'Mug' } }, [offer], { marketplaceId: 'EBAY_US' });
 * ```
 */
export function toEbayProduct(
  item: EbayInventoryItem & { sku: string },
  offers: readonly EbayOffer[],
  options: EbayProductMappingOptions,
): Result<Product, EbayProductFailure> {
  const title = item.product?.title;
  const offer = primaryOffer(offers, options.marketplaceId);
  if (!title) return err(failure('not_listable', `Inventory item ${item.sku} has no title yet.`));
  if (!offer?.pricingSummary?.price)
    return err(
      failure('not_listable', `Inventory item ${item.sku} has no offer with a price on ${options.marketplaceId}.`),
    );
  const price = fromEbayAmount(offer.pricingSummary.price, `price of ${item.sku}`);
  if (price.isErr()) return err(failure('invalid_payload', price.error.message));
  const compareAt = offer.pricingSummary.originalRetailPrice
    ? fromEbayAmount(offer.pricingSummary.originalRetailPrice, `original retail price of ${item.sku}`)
    : undefined;
  if (compareAt?.isErr()) return err(failure('invalid_payload', compareAt.error.message));
  const attributes: Record<string, string> = {};
  for (const [name, values] of Object.entries(item.product?.aspects ?? {}))
    if (Array.isArray(values)) attributes[name] = values.join(EBAY_ASPECT_SEPARATOR);
  if (item.condition) attributes[EBAY_ATTRIBUTES.condition] = item.condition;
  if (item.conditionDescription) attributes[EBAY_ATTRIBUTES.conditionDescription] = item.conditionDescription;
  if (offer.listing?.listingId) attributes[EBAY_ATTRIBUTES.listingId] = offer.listing.listingId;
  if (item.product?.mpn) attributes[EBAY_ATTRIBUTES.mpn] = item.product.mpn;
  if (item.product?.epid) attributes[EBAY_ATTRIBUTES.epid] = item.product.epid;
  const ended = offer.listing?.listingStatus === 'ENDED';
  const barcode = barcodeOf(item);
  const draft = {
    id: item.sku,
    title,
    ...(item.product?.description
      ? { description: item.product.description }
      : offer.listingDescription
        ? { description: offer.listingDescription }
        : {}),
    ...(item.product?.brand ? { brand: item.product.brand } : {}),
    ...(offer.categoryId ? { categoryId: offer.categoryId } : {}),
    status: ended ? 'archived' : offer.status === 'PUBLISHED' ? 'active' : 'draft',
    images: [...(item.product?.imageUrls ?? [])],
    attributes,
    offers: [
      {
        sku: item.sku,
        ...(offer.offerId ? { externalId: offer.offerId } : {}),
        title,
        price: price.value,
        ...(compareAt?.isOk() ? { compareAtPrice: compareAt.value } : {}),
        ...(barcode ? { barcode } : {}),
        condition: canonicalCondition(item.condition, options.mapping?.conditionsFromEbay),
        options: {},
      },
    ],
  };
  const parsed = ProductSchema.safeParse(draft);
  if (!parsed.success)
    return err(
      failure(
        'invalid_payload',
        `Inventory item ${item.sku} does not make a valid product: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
      ),
    );
  const product = options.mapping?.product ? options.mapping.product(parsed.data, { item, offers }) : parsed.data;
  return ok(product);
}

/**
 * Where a canonical barcode goes on eBay: 12 digits are a UPC; 8, 13 and 14 digits an EAN.
 *
 * @example
 * ```ts
 * barcodeField('012345678905'); // 'upc'
 * barcodeField('ABC'); // undefined (not a barcode eBay takes)
 * ```
 */
export function barcodeField(barcode: string): 'upc' | 'ean' | undefined {
  if (/^\d{12}$/.test(barcode)) return 'upc';
  if (/^(\d{8}|\d{13}|\d{14})$/.test(barcode)) return 'ean';
  return undefined;
}

/**
 * The inventory item to write for a product (single-SKU products; the first offer). Stock and
 * package data of an existing item are kept, because createOrReplaceInventoryItem replaces the
 * whole record; a new item starts with no stock.
 *
 * @example
 * ```ts
 * const item = toEbayInventoryItem(product, existing, { marketplaceId: 'EBAY_US' });
 * ```
 */
export function toEbayInventoryItem(
  product: ProductInput,
  existing: EbayInventoryItem | undefined,
  options: EbayProductMappingOptions,
): EbayInventoryItem {
  const offer = product.offers[0]!;
  const attributes = product.attributes ?? {};
  const stated = attributes[EBAY_ATTRIBUTES.condition];
  const condition = isEbayCondition(stated)
    ? stated
    : conditionTable(options.mapping?.conditions)[offer.condition ?? 'new'];
  const aspects: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(attributes))
    if (!name.startsWith('ebay:')) aspects[name] = value.split(EBAY_ASPECT_SEPARATOR);
  const field = offer.barcode ? barcodeField(offer.barcode) : undefined;
  const draft: EbayInventoryItem = {
    condition,
    ...(attributes[EBAY_ATTRIBUTES.conditionDescription]
      ? { conditionDescription: attributes[EBAY_ATTRIBUTES.conditionDescription] }
      : {}),
    product: {
      title: product.title,
      ...(product.description ? { description: product.description } : {}),
      ...(product.brand ? { brand: product.brand } : {}),
      ...(attributes[EBAY_ATTRIBUTES.mpn] ? { mpn: attributes[EBAY_ATTRIBUTES.mpn] } : {}),
      ...(attributes[EBAY_ATTRIBUTES.epid] ? { epid: attributes[EBAY_ATTRIBUTES.epid] } : {}),
      ...(product.images && product.images.length > 0 ? { imageUrls: [...product.images] } : {}),
      ...(Object.keys(aspects).length > 0 ? { aspects } : {}),
      ...(field && offer.barcode ? { [field]: [offer.barcode] } : {}),
    },
    availability: existing?.availability ?? { shipToLocationAvailability: { quantity: 0 } },
    ...(existing?.packageWeightAndSize ? { packageWeightAndSize: existing.packageWeightAndSize } : {}),
  };
  return options.mapping?.inventoryItem ? options.mapping.inventoryItem(draft, product) : draft;
}

/**
 * What new offers default to: the connector's configured category, policies and location.
 */
export interface EbayOfferDefaults {
  categoryId?: string | undefined;
  merchantLocationKey?: string | undefined;
  listingPolicies?: EbayOfferInput['listingPolicies'] | undefined;
}

/**
 * The offer to write for a product: a fixed-price offer on the marketplace at the product's
 * price. Fields of an existing offer the canonical model has no place for (tax, limits per
 * buyer, ...) are kept, because updateOffer replaces the whole offer.
 *
 * @example
 * ```ts
 * const offer = toEbayOfferInput(product, existingOffer, { marketplaceId: 'EBAY_US' }, { categoryId: '20625' });
 * ```
 */
export function toEbayOfferInput(
  product: ProductInput,
  existing: EbayOffer | undefined,
  options: EbayProductMappingOptions,
  defaults: EbayOfferDefaults = {},
): EbayOfferInput {
  const offer = product.offers[0]!;
  const { offerId: _id, status: _status, listing: _listing, ...kept } = existing ?? {};
  const categoryId = product.categoryId ?? kept.categoryId ?? defaults.categoryId;
  const listingPolicies = kept.listingPolicies ?? defaults.listingPolicies;
  const merchantLocationKey = kept.merchantLocationKey ?? defaults.merchantLocationKey;
  const pricingSummary: NonNullable<EbayOfferInput['pricingSummary']> = {
    ...kept.pricingSummary,
    price: toEbayAmount(offer.price),
  };
  if (offer.compareAtPrice) pricingSummary.originalRetailPrice = toEbayAmount(offer.compareAtPrice);
  else delete pricingSummary.originalRetailPrice;
  const draft: EbayOfferInput = {
    ...kept,
    sku: offer.sku,
    marketplaceId: options.marketplaceId,
    format: 'FIXED_PRICE',
    pricingSummary,
    ...(categoryId ? { categoryId } : {}),
    ...(product.description ? { listingDescription: product.description } : {}),
    ...(listingPolicies ? { listingPolicies } : {}),
    ...(merchantLocationKey ? { merchantLocationKey } : {}),
  };
  return options.mapping?.offer ? options.mapping.offer(draft, product) : draft;
}
