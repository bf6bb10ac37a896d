import { formatMoney, type Money } from '../../../model/money.js';
import { fillPath, query, type SpApiRequest } from './types.js';

const ITEM = '/listings/2021-08-01/items/{sellerId}/{sku}';

/**
 * Identifies one listing: the seller, the SKU and the store.
 *
 * @example
 * ```ts
 * const target: ListingTarget = { sellerId: 'A1SELLER', sku: 'MUG-1', marketplaceId: 'ATVPDKIKX0DER' };
 * ```
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
 * @example
 * ```ts
 * const patch: ListingPatch = quantityPatch(7);
 * ```
 */
export interface ListingPatch {
  op: 'add' | 'replace' | 'merge' | 'delete';
  path: string;
  value?: unknown[];
}

/**
 * The JSON Patch that sets the price (`purchasable_offer.our_price`) in one store. The amount is
 * written as the decimal the currency allows, from integer minor units.
 *
 * @example
 * ```ts
 * pricePatch({ amountMinor: 1999, currency: 'USD' }, 'ATVPDKIKX0DER');
 * ```
 */
export function pricePatch(price: Money, marketplaceId: string): ListingPatch {
  return {
    op: 'replace',
    path: '/attributes/purchasable_offer',
    value: [
      {
        marketplace_id: marketplaceId,
        currency: price.currency,
        // The attribute is a JSON number; the decimal text of integer minor units reads back exactly.
        our_price: [{ schedule: [{ value_with_tax: Number(formatMoney(price)) }] }],
      },
    ],
  };
}

/**
 * The JSON Patch that sets the merchant-fulfilled quantity.
 *
 * @example
 * ```ts
 * quantityPatch(12); // replace /attributes/fulfillment_availability
 * ```
 */
export function quantityPatch(quantity: number, fulfillmentChannelCode = 'DEFAULT'): ListingPatch {
  return {
    op: 'replace',
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
 */
export function putListingsItemRequest(
  target: ListingTarget & { productType: string; attributes: Record<string, unknown>; requirements?: 'LISTING' | 'LISTING_PRODUCT_ONLY' | 'LISTING_OFFER_ONLY'; mode?: 'VALIDATION_PREVIEW' },
): SpApiRequest {
  return {
    operation: 'putListingsItem',
    method: 'PUT',
    path: fillPath(ITEM, { sellerId: target.sellerId, sku: target.sku }),
    query: query({ marketplaceIds: [target.marketplaceId], mode: target.mode, issueLocale: target.issueLocale, includedData: target.mode ? ['identifiers', 'issues'] : undefined }),
    json: { productType: target.productType, ...(target.requirements ? { requirements: target.requirements } : {}), attributes: target.attributes },
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
 */
export function patchListingsItemRequest(
  target: ListingTarget & { productType: string; patches: readonly ListingPatch[]; mode?: 'VALIDATION_PREVIEW' },
): SpApiRequest {
  return {
    operation: 'patchListingsItem',
    method: 'PATCH',
    path: fillPath(ITEM, { sellerId: target.sellerId, sku: target.sku }),
    query: query({ marketplaceIds: [target.marketplaceId], mode: target.mode, issueLocale: target.issueLocale, includedData: target.mode ? ['identifiers', 'issues'] : undefined }),
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
 * `searchListingsItems`: a page of the seller's listings (at most 20 per page).
 *
 * @example
 * ```ts
 * searchListingsItemsRequest({ sellerId, marketplaceId, pageSize: 20, pageToken });
 * ```
 */
export function searchListingsItemsRequest(options: {
  sellerId: string;
  marketplaceId: string;
  pageSize?: number;
  pageToken?: string;
  lastUpdatedAfter?: string;
  includedData?: readonly string[];
}): SpApiRequest {
  return {
    operation: 'searchListingsItems',
    method: 'GET',
    path: fillPath('/listings/2021-08-01/items/{sellerId}', { sellerId: options.sellerId }),
    query: query({
      marketplaceIds: [options.marketplaceId],
      includedData: options.includedData ?? ['summaries', 'attributes', 'offers', 'fulfillmentAvailability'],
      pageSize: Math.min(20, Math.max(1, options.pageSize ?? 20)),
      pageToken: options.pageToken,
      lastUpdatedAfter: options.lastUpdatedAfter,
    }),
  };
}
