import { ValidationError } from '../../../core/errors/validation-error.js';
import { formatMoney, type Money } from '../../../model/money.js';
import { fillPath, query, type SpApiRequest } from './types.js';

const ITEM = '/listings/2021-08-01/items/{sellerId}/{sku}';

/**
 * Identifies one listing: the seller, the SKU and the store.
 *
 * @category Operations
 */
export interface ListingTarget {
  sellerId: string;
  sku: string;
  marketplaceId: string;
  /** Locale of issue messages, e.g. `en_US`. */
  issueLocale?: string;
}

/**
 * One JSON Patch operation on a listing's attributes, as `patchListingsItem` and the
 * `PATCH` feed message take it.
 *
 * @category Operations
 */
export interface ListingPatch {
  op: 'add' | 'replace' | 'merge' | 'delete';
  path: string;
  value?: unknown[];
}

/**
 * The JSON Patch that sets the price (`purchasable_offer.our_price`) of the B2C offer (audience
 * `ALL`) in one store. It is a `merge`: Amazon finds the offer by its selectors
 * (`marketplace_id`, `currency`, `audience`) and changes only `our_price`, so a sale price
 * (`discounted_price`), the minimum and maximum seller-allowed prices and any other part of the
 * offer stay as they are. (A `replace` would write the whole attribute and drop them.) The
 * amount is written as the decimal the currency allows, from integer minor units.
 *
 * @example
 * ```ts
 * pricePatch({ amountMinor: 1999, currency: 'USD' }, 'ATVPDKIKX0DER');
 * // { op: 'merge', path: '/attributes/purchasable_offer', value: [{ marketplace_id, currency: 'USD', audience: 'ALL', our_price: [...] }] }
 * ```
 *
 * @category Operations
 */
export function pricePatch(price: Money, marketplaceId: string): ListingPatch {
  return { op: 'merge', path: '/attributes/purchasable_offer', value: [offerPrice(price, marketplaceId)] };
}

/**
 * One `purchasable_offer` value with its selectors and `our_price`: what {@link pricePatch}
 * merges and what an offer-only `putListingsItem` sends.
 *
 * @example
 * ```ts
 * offerPrice({ amountMinor: 1999, currency: 'EUR' }, 'A1PA6795UKMFR9');
 * ```
 *
 * @category Operations
 */
export function offerPrice(price: Money, marketplaceId: string): Record<string, unknown> {
  return {
    marketplace_id: marketplaceId,
    currency: price.currency,
    audience: 'ALL',
    // The attribute is a JSON number; the decimal text of integer minor units reads back exactly.
    our_price: [{ schedule: [{ value_with_tax: Number(formatMoney(price)) }] }],
  };
}

/**
 * The JSON Patch that sets the quantity of one merchant fulfillment channel (`DEFAULT` unless
 * the seller has others). It is a `merge` keyed by `fulfillment_channel_code`, so
 * `lead_time_to_ship_max_days`, `restock_date` and the other fields of the channel stay as they
 * are (a `replace` would drop them).
 *
 * @example
 * ```ts
 * quantityPatch(12); // { op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 12 }] }
 * ```
 *
 * @category Operations
 */
export function quantityPatch(quantity: number, fulfillmentChannelCode = 'DEFAULT'): ListingPatch {
  return {
    op: 'merge',
    path: '/attributes/fulfillment_availability',
    value: [{ fulfillment_channel_code: fulfillmentChannelCode, quantity }],
  };
}

/**
 * `getListingsItem`: one listing with the data sets asked for.
 *
 * @example
 * ```ts
 * getListingsItemRequest({ sellerId, sku: 'MUG-1', marketplaceId, includedData: ['summaries', 'offers'] });
 * ```
 *
 * @category Operations
 */
export function getListingsItemRequest(target: ListingTarget & { includedData?: readonly string[] }): SpApiRequest {
  return {
    operation: 'getListingsItem',
    method: 'GET',
    path: fillPath(ITEM, { sellerId: target.sellerId, sku: target.sku }),
    query: query({
      marketplaceIds: [target.marketplaceId],
      includedData: target.includedData ?? ['summaries', 'attributes', 'offers', 'fulfillmentAvailability', 'issues'],
      issueLocale: target.issueLocale,
    }),
  };
}

/**
 * `putListingsItem`: creates or fully replaces a listing. `mode: 'VALIDATION_PREVIEW'` validates
 * without saving.
 *
 * @example
 * ```ts
 * putListingsItemRequest({ sellerId, sku, marketplaceId, productType: 'PRODUCT', attributes, mode: 'VALIDATION_PREVIEW' });
 * ```
 *
 * @category Operations
 */
export function putListingsItemRequest(
  target: ListingTarget & {
    productType: string;
    attributes: Record<string, unknown>;
    requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY';
    mode?: 'VALIDATION_PREVIEW';
  },
): SpApiRequest {
  return {
    operation: 'putListingsItem',
    method: 'PUT',
    path: fillPath(ITEM, { sellerId: target.sellerId, sku: target.sku }),
    query: query({
      marketplaceIds: [target.marketplaceId],
      mode: target.mode,
      issueLocale: target.issueLocale,
      includedData: target.mode ? ['identifiers', 'issues'] : undefined,
    }),
    json: {
      productType: target.productType,
      ...(target.requirements ? { requirements: target.requirements } : {}),
      attributes: target.attributes,
    },
  };
}

/**
 * `patchListingsItem`: changes some attributes (price, quantity) by JSON Patch.
 * `mode: 'VALIDATION_PREVIEW'` is a dry run.
 *
 * @example
 * ```ts
 * patchListingsItemRequest({ sellerId, sku, marketplaceId, productType: 'PRODUCT', patches: [quantityPatch(3)] });
 * ```
 *
 * @category Operations
 */
export function patchListingsItemRequest(
  target: ListingTarget & { productType: string; patches: readonly ListingPatch[]; mode?: 'VALIDATION_PREVIEW' },
): SpApiRequest {
  return {
    operation: 'patchListingsItem',
    method: 'PATCH',
    path: fillPath(ITEM, { sellerId: target.sellerId, sku: target.sku }),
    query: query({
      marketplaceIds: [target.marketplaceId],
      mode: target.mode,
      issueLocale: target.issueLocale,
      includedData: target.mode ? ['identifiers', 'issues'] : undefined,
    }),
    json: { productType: target.productType, patches: target.patches },
  };
}

/**
 * `deleteListingsItem`: removes a listing from a store.
 *
 * @example
 * ```ts
 * deleteListingsItemRequest({ sellerId, sku: 'MUG-1', marketplaceId });
 * ```
 *
 * @category Operations
 */
export function deleteListingsItemRequest(target: ListingTarget): SpApiRequest {
  return {
    operation: 'deleteListingsItem',
    method: 'DELETE',
    path: fillPath(ITEM, { sellerId: target.sellerId, sku: target.sku }),
    query: query({ marketplaceIds: [target.marketplaceId], issueLocale: target.issueLocale }),
  };
}

/**
 * The most identifiers (SKUs, ASINs, ...) one `searchListingsItems` call takes.
 *
 * @example
 * ```ts
 * for (let i = 0; i < skus.length; i += LISTINGS_SEARCH_MAX_IDENTIFIERS) {}
 * ```
 *
 * @category Operations
 */
export const LISTINGS_SEARCH_MAX_IDENTIFIERS = 20;

/**
 * `searchListingsItems`: a page of the seller's listings (at most 20 per page), optionally only
 * those with the given identifiers (at most 20, e.g. SKUs with `identifiersType: 'SKU'`).
 *
 * @example
 * ```ts
 * searchListingsItemsRequest({ sellerId, marketplaceId, pageSize: 20, pageToken });
 * searchListingsItemsRequest({ sellerId, marketplaceId, identifiers: ['MUG-1', 'MUG-2'], identifiersType: 'SKU', includedData: ['fulfillmentAvailability'] });
 * ```
 *
 * @category Operations
 */
export function searchListingsItemsRequest(options: {
  sellerId: string;
  marketplaceId: string;
  pageSize?: number;
  pageToken?: string;
  lastUpdatedAfter?: string;
  includedData?: readonly string[];
  identifiers?: readonly string[];
  identifiersType?: 'ASIN' | 'EAN' | 'FNSKU' | 'GTIN' | 'ISBN' | 'JAN' | 'MINSAN' | 'SKU' | 'UPC';
}): SpApiRequest {
  const identifiers = options.identifiers ?? [];
  if (identifiers.length > LISTINGS_SEARCH_MAX_IDENTIFIERS) {
    throw new ValidationError(
      'searchListingsItems request',
      [
        {
          path: ['identifiers'],
          message: `At most ${LISTINGS_SEARCH_MAX_IDENTIFIERS} identifiers per call; got ${identifiers.length}. Split the list.`,
        },
      ],
      { platform: 'amazon', operation: 'searchListingsItems' },
    );
  }
  return {
    operation: 'searchListingsItems',
    method: 'GET',
    path: fillPath('/listings/2021-08-01/items/{sellerId}', { sellerId: options.sellerId }),
    query: query({
      marketplaceIds: [options.marketplaceId],
      identifiers: identifiers.length > 0 ? identifiers : undefined,
      identifiersType: identifiers.length > 0 ? (options.identifiersType ?? 'SKU') : undefined,
      includedData: options.includedData ?? ['summaries', 'attributes', 'offers', 'fulfillmentAvailability'],
      pageSize: Math.min(20, Math.max(1, options.pageSize ?? 20)),
      pageToken: options.pageToken,
      lastUpdatedAfter: options.lastUpdatedAfter,
    }),
  };
}
