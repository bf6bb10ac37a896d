import { ValidationError } from '../../../core/errors/validation-error.js';
import { checkId } from './ids.js';
import type { MercadoLibreRequest } from './types.js';

/**
 * The most ids one multiget (`/items?ids=`) takes.
 *
 * @example
 * ```ts
 * for (const ids of chunks(itemIds, MERCADOLIBRE_MULTIGET_MAX)) await client.multigetItems(ids);
 * ```
 *
 * @category Operations
 */
export const MERCADOLIBRE_MULTIGET_MAX = 20;

/**
 * The largest page of the seller's item search in scan mode (`limit`, default 50).
 *
 * @example
 * ```ts
 * searchItemsRequest({ sellerId: '1', limit: MERCADOLIBRE_SCAN_MAX_LIMIT });
 * ```
 *
 * @category Operations
 */
export const MERCADOLIBRE_SCAN_MAX_LIMIT = 100;

/**
 * `GET /users/{id}/items/search`: in scan mode (`search_type=scan`, no offset) the first call
 * returns a `scroll_id` that every next call sends until the results run out, which reaches
 * past the 1,000 results offset paging stops at. With `sellerSku`, the items whose
 * `SELLER_SKU` (or `seller_custom_field`) is that SKU, a page of `limit` from `offset`.
 *
 * @example
 * ```ts
 * searchItemsRequest({ sellerId: '468424240', limit: 100, scrollId: page.scroll_id });
 * searchItemsRequest({ sellerId: '468424240', sellerSku: 'MUG-1', limit: 100, offset: 100 });
 * ```
 */
export function searchItemsRequest(input: {
  sellerId: string;
  scrollId?: string;
  limit?: number;
  status?: string;
  sellerSku?: string;
  offset?: number;
}): MercadoLibreRequest {
  const sellerId = checkId('numeric', input.sellerId, 'sellerId');
  const limit = Math.min(Math.max(1, Math.floor(input.limit ?? 50)), MERCADOLIBRE_SCAN_MAX_LIMIT);
  const query: Record<string, string | number> =
    input.sellerSku !== undefined
      ? {
          seller_sku: input.sellerSku,
          limit,
          ...(input.offset ? { offset: Math.max(0, Math.floor(input.offset)) } : {}),
        }
      : { search_type: 'scan', limit, ...(input.scrollId ? { scroll_id: input.scrollId } : {}) };
  if (input.status) query.status = input.status;
  return { operation: 'searchItems', method: 'GET', path: `/users/${sellerId}/items/search`, query };
}

/**
 * `GET /items?ids=...`: up to {@link MERCADOLIBRE_MULTIGET_MAX} items in one call, each with
 * its own status code.
 *
 * @example
 * ```ts
 * multigetItemsRequest(['MLA1', 'MLA2']);
 * ```
 */
export function multigetItemsRequest(ids: readonly string[], attributes?: readonly string[]): MercadoLibreRequest {
  if (ids.length === 0 || ids.length > MERCADOLIBRE_MULTIGET_MAX) {
    throw new ValidationError(
      'MercadoLibre multiget',
      [{ path: ['ids'], message: `Give 1 to ${MERCADOLIBRE_MULTIGET_MAX} item ids (got ${ids.length}).` }],
      { platform: 'mercadolibre' },
    );
  }
  const query: Record<string, string> = { ids: ids.map((id, index) => checkId('item', id, `ids[${index}]`)).join(',') };
  if (attributes?.length) query.attributes = attributes.join(',');
  return { operation: 'multigetItems', method: 'GET', path: '/items', query };
}

/**
 * `GET /items/{id}`.
 *
 * @example
 * ```ts
 * getItemRequest('MLA1234567890');
 * ```
 */
export function getItemRequest(itemId: string): MercadoLibreRequest {
  return { operation: 'getItem', method: 'GET', path: `/items/${checkId('item', itemId, 'itemId')}` };
}

/**
 * `POST /items`: lists a new item. Not idempotent: the connector records it in the operation
 * ledger first and reads back by SKU after a lost answer.
 *
 * @example
 * ```ts
 * createItemRequest({ title: 'Mug', category_id: 'MLA1902', price: 1500, currency_id: 'ARS', available_quantity: 3, buying_mode: 'buy_it_now', listing_type_id: 'gold_special', condition: 'new' });
 * ```
 */
export function createItemRequest(body: Record<string, unknown>): MercadoLibreRequest {
  return { operation: 'createItem', method: 'POST', path: '/items', json: body };
}

/**
 * `PUT /items/{id}`: absolute changes (price, `available_quantity`, status, variations), so a
 * resend is harmless. A `variations` array must name every variation to keep: MercadoLibre
 * deletes the ones left out.
 *
 * @example
 * ```ts
 * updateItemRequest('MLA1', { available_quantity: 7 });
 * updateItemRequest('MLA1', { status: 'closed' });
 * ```
 */
export function updateItemRequest(itemId: string, body: Record<string, unknown>): MercadoLibreRequest {
  return { operation: 'updateItem', method: 'PUT', path: `/items/${checkId('item', itemId, 'itemId')}`, json: body };
}
