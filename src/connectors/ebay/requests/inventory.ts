import type { EbayInventoryItem, EbayInventoryLocation, EbayPriceQuantity } from '../types.js';
import { EBAY_API_PATHS, segment, type EbayRequest } from './types.js';

const base = EBAY_API_PATHS.inventory;

/**
 * The most inventory items `getInventoryItems` returns a page (its `limit` maximum).
 *
 * @example
 * ```ts
 * getInventoryItemsRequest({ limit: EBAY_INVENTORY_PAGE_MAX });
 * ```
 *
 * @category Operations
 */
export const EBAY_INVENTORY_PAGE_MAX = 100;

/**
 * The most entries one bulk Inventory API call takes (`bulkUpdatePriceQuantity`,
 * `bulkGetInventoryItem`).
 *
 * @example
 * ```ts
 * chunks(updates, EBAY_BULK_MAX); // groups of 25
 * ```
 *
 * @category Operations
 */
export const EBAY_BULK_MAX = 25;

/**
 * `GET /inventory_item`: a page of the seller's inventory items.
 *
 * @example
 * ```ts
 * getInventoryItemsRequest({ limit: 100, offset: 0 });
 * ```
 */
export function getInventoryItemsRequest(options: { limit?: number; offset?: number } = {}): EbayRequest {
  return {
    operation: 'getInventoryItems',
    method: 'GET',
    path: `${base}/inventory_item`,
    query: { limit: options.limit, offset: options.offset },
  };
}

/**
 * `GET /inventory_item/{sku}`.
 *
 * @example
 * ```ts
 * getInventoryItemRequest('MUG-1');
 * ```
 */
export function getInventoryItemRequest(sku: string): EbayRequest {
  return { operation: 'getInventoryItem', method: 'GET', path: `${base}/inventory_item/${segment(sku)}` };
}

/**
 * `PUT /inventory_item/{sku}`: creates or replaces the whole record (fields left out are
 * removed, stock included), in the listing's language.
 *
 * @example
 * ```ts
 * createOrReplaceInventoryItemRequest('MUG-1', { condition: 'NEW', product: { title: 'Mug' } }, 'en-US');
 * ```
 */
export function createOrReplaceInventoryItemRequest(
  sku: string,
  item: EbayInventoryItem,
  contentLanguage: string,
): EbayRequest {
  const { sku: _sku, locale: _locale, groupIds: _groups, inventoryItemGroupKeys: _keys, ...body } = item;
  return {
    operation: 'createOrReplaceInventoryItem',
    method: 'PUT',
    path: `${base}/inventory_item/${segment(sku)}`,
    headers: { 'content-language': contentLanguage },
    json: body,
  };
}

/**
 * `DELETE /inventory_item/{sku}`: removes the item, its offers and its single-variation listings.
 *
 * @example
 * ```ts
 * deleteInventoryItemRequest('MUG-1');
 * ```
 */
export function deleteInventoryItemRequest(sku: string): EbayRequest {
  return {
    operation: 'deleteInventoryItem',
    method: 'DELETE',
    path: `${base}/inventory_item/${segment(sku)}`,
    responseType: 'none',
  };
}

/**
 * `POST /bulk_get_inventory_item`: up to 25 inventory items by SKU (a read, so safe to repeat).
 *
 * @example
 * ```ts
 * bulkGetInventoryItemRequest(['MUG-1', 'MUG-2']);
 * ```
 */
export function bulkGetInventoryItemRequest(skus: readonly string[]): EbayRequest {
  return {
    operation: 'bulkGetInventoryItem',
    method: 'POST',
    path: `${base}/bulk_get_inventory_item`,
    json: { requests: skus.map((sku) => ({ sku })) },
    idempotent: true,
  };
}

/**
 * `POST /bulk_update_price_quantity`: absolute stock and prices of up to 25 SKUs. Absolute
 * values make a repeat harmless, so it is retried after a transient failure.
 *
 * @example
 * ```ts
 * bulkUpdatePriceQuantityRequest([{ sku: 'MUG-1', shipToLocationAvailability: { quantity: 5 } }]);
 * ```
 */
export function bulkUpdatePriceQuantityRequest(requests: readonly EbayPriceQuantity[]): EbayRequest {
  return {
    operation: 'bulkUpdatePriceQuantity',
    method: 'POST',
    path: `${base}/bulk_update_price_quantity`,
    json: { requests },
    idempotent: true,
  };
}

/**
 * `GET /location`: a page of the seller's merchant locations.
 *
 * @example
 * ```ts
 * getInventoryLocationsRequest({ limit: 100 });
 * ```
 */
export function getInventoryLocationsRequest(options: { limit?: number; offset?: number } = {}): EbayRequest {
  return {
    operation: 'getInventoryLocations',
    method: 'GET',
    path: `${base}/location`,
    query: { limit: options.limit, offset: options.offset },
  };
}

/**
 * `GET /location/{merchantLocationKey}`.
 *
 * @example
 * ```ts
 * getInventoryLocationRequest('WH-1');
 * ```
 */
export function getInventoryLocationRequest(merchantLocationKey: string): EbayRequest {
  return { operation: 'getInventoryLocation', method: 'GET', path: `${base}/location/${segment(merchantLocationKey)}` };
}

/**
 * `POST /location/{merchantLocationKey}`: creates a merchant location (eBay refuses a key
 * that exists, so a repeat cannot create two).
 *
 * @example
 * ```ts
 * createInventoryLocationRequest('WH-1', { name: 'Main', locationTypes: ['WAREHOUSE'], location: { address: { postalCode: '95125', country: 'US' } } });
 * ```
 */
export function createInventoryLocationRequest(
  merchantLocationKey: string,
  location: Omit<EbayInventoryLocation, 'merchantLocationKey'>,
): EbayRequest {
  return {
    operation: 'createInventoryLocation',
    method: 'POST',
    path: `${base}/location/${segment(merchantLocationKey)}`,
    json: location,
    idempotent: true,
    responseType: 'none',
  };
}
