import { fillPath, query, type SpApiRequest } from '../../requests/types.js';

/**
 * A dataset the Orders API 2026-01-01 can add to each order (`includedData`). Order items are
 * always included; `BUYER` and `RECIPIENT` carry buyer PII and need the seller's restricted
 * roles, but no Restricted Data Token.
 *
 * @category Operations
 */
export type Orders2026Dataset =
  | 'BUYER'
  | 'RECIPIENT'
  | 'PROCEEDS'
  | 'EXPENSE'
  | 'PROMOTION'
  | 'CANCELLATION'
  | 'FULFILLMENT'
  | 'PACKAGES'
  | 'TAX'
  | 'PAYMENT'
  | 'FULFILLMENT_ORDERS';

/**
 * A `fulfillmentStatuses` filter value of `searchOrders`.
 *
 * @category Operations
 */
export type Orders2026FulfillmentStatus =
  | 'PENDING_AVAILABILITY'
  | 'PENDING'
  | 'UNSHIPPED'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPED'
  | 'CANCELLED'
  | 'UNFULFILLABLE';

/**
 * Filters of `searchOrders`. Give exactly one of `createdAfter` and `lastUpdatedAfter`; a
 * created window and an updated window cannot be mixed. A `paginationToken` is only valid with
 * the same filters as the request that returned it (only `maxResultsPerPage` and
 * `includedData` may change), so pass every filter again with it.
 *
 * @category Operations
 */
export interface SearchOrdersFilter {
  marketplaceIds?: readonly string[];
  createdAfter?: string;
  createdBefore?: string;
  lastUpdatedAfter?: string;
  lastUpdatedBefore?: string;
  fulfillmentStatuses?: readonly Orders2026FulfillmentStatus[];
  fulfilledBy?: readonly ('MERCHANT' | 'AMAZON')[];
  maxResultsPerPage?: number;
  includedData?: readonly Orders2026Dataset[];
  paginationToken?: string;
}

/**
 * The most marketplace ids one `searchOrders` call takes (the model's `maxItems`).
 *
 * @example
 * ```ts
 * SEARCH_ORDERS_MAX_MARKETPLACES; // 50
 * ```
 */
export const SEARCH_ORDERS_MAX_MARKETPLACES = 50;

/**
 * `searchOrders` (Orders API 2026-01-01): one page of orders with their items, and whatever
 * `includedData` asks for; the next page's token is `pagination.nextToken`.
 *
 * @example
 * ```ts
 * searchOrdersRequest({ marketplaceIds: ['ATVPDKIKX0DER'], createdAfter: '2026-11-01T00:00:00Z', includedData: ['FULFILLMENT'] });
 * ```
 */
export function searchOrdersRequest(filter: SearchOrdersFilter): SpApiRequest {
  const created = filter.createdAfter !== undefined || filter.createdBefore !== undefined;
  const updated = filter.lastUpdatedAfter !== undefined || filter.lastUpdatedBefore !== undefined;
  if (created === updated || (created && !filter.createdAfter) || (updated && !filter.lastUpdatedAfter)) {
    throw new TypeError(
      'searchOrders needs exactly one window: createdAfter (with an optional createdBefore) or lastUpdatedAfter (with an optional lastUpdatedBefore).',
    );
  }
  if ((filter.marketplaceIds?.length ?? 0) > SEARCH_ORDERS_MAX_MARKETPLACES)
    throw new TypeError(`searchOrders takes at most ${SEARCH_ORDERS_MAX_MARKETPLACES} marketplace ids.`);
  return {
    operation: 'searchOrders',
    method: 'GET',
    path: '/orders/2026-01-01/orders',
    query: query({
      createdAfter: filter.createdAfter,
      createdBefore: filter.createdBefore,
      lastUpdatedAfter: filter.lastUpdatedAfter,
      lastUpdatedBefore: filter.lastUpdatedBefore,
      fulfillmentStatuses: filter.fulfillmentStatuses,
      marketplaceIds: filter.marketplaceIds,
      fulfilledBy: filter.fulfilledBy,
      maxResultsPerPage:
        filter.maxResultsPerPage === undefined
          ? undefined
          : Math.min(100, Math.max(1, Math.trunc(filter.maxResultsPerPage))),
      paginationToken: filter.paginationToken,
      includedData: filter.includedData,
    }),
  };
}

/**
 * `getOrder` (Orders API 2026-01-01): one order with its items and the asked datasets. Its
 * usage plan is keyed `getOrder@2026-01-01`, apart from the v0 `getOrder`.
 *
 * @example
 * ```ts
 * getOrder2026Request({ orderId: '902-1845936-5435065', includedData: ['FULFILLMENT', 'PROCEEDS'] });
 * ```
 */
export function getOrder2026Request(options: {
  orderId: string;
  includedData?: readonly Orders2026Dataset[];
}): SpApiRequest {
  return {
    operation: 'getOrder@2026-01-01',
    method: 'GET',
    path: fillPath('/orders/2026-01-01/orders/{orderId}', { orderId: options.orderId }),
    query: query({ includedData: options.includedData }),
  };
}
