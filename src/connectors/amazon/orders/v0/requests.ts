import { fillPath, query, type SpApiRequest } from '../../requests/types.js';

/**
 * Filters of `getOrders`. Give `createdAfter` or `lastUpdatedAfter` (Amazon requires one of them
 * unless `nextToken` is given).
 *
 * @category Operations
 */
export interface GetOrdersFilter {
  marketplaceIds: readonly string[];
  createdAfter?: string;
  lastUpdatedAfter?: string;
  orderStatuses?: readonly string[];
  maxResultsPerPage?: number;
  nextToken?: string;
}

/**
 * `getOrders`: one page of orders; pass the previous page's `NextToken` as `nextToken`.
 *
 * @example
 * ```ts
 * getOrdersRequest({ marketplaceIds: ['ATVPDKIKX0DER'], createdAfter: '2026-11-01T00:00:00Z' });
 * ```
 */
export function getOrdersRequest(filter: GetOrdersFilter): SpApiRequest {
  return {
    operation: 'getOrders',
    method: 'GET',
    path: '/orders/v0/orders',
    query: query({
      MarketplaceIds: filter.marketplaceIds,
      CreatedAfter: filter.nextToken ? undefined : filter.createdAfter,
      LastUpdatedAfter: filter.nextToken || filter.createdAfter ? undefined : filter.lastUpdatedAfter,
      OrderStatuses: filter.orderStatuses,
      MaxResultsPerPage:
        filter.maxResultsPerPage === undefined ? undefined : Math.min(100, Math.max(1, filter.maxResultsPerPage)),
      NextToken: filter.nextToken,
    }),
  };
}

/**
 * `getOrder`: one order.
 *
 * @example
 * ```ts
 * getOrderRequest({ orderId: '902-1845936-5435065' });
 * ```
 */
export function getOrderRequest(options: { orderId: string }): SpApiRequest {
  return { operation: 'getOrder', method: 'GET', path: fillPath('/orders/v0/orders/{orderId}', options) };
}

/**
 * `getOrderItems`: one page of an order's items.
 *
 * @example
 * ```ts
 * getOrderItemsRequest({ orderId: '902-1845936-5435065' });
 * ```
 */
export function getOrderItemsRequest(options: { orderId: string; nextToken?: string }): SpApiRequest {
  return {
    operation: 'getOrderItems',
    method: 'GET',
    path: fillPath('/orders/v0/orders/{orderId}/orderItems', { orderId: options.orderId }),
    query: query({ NextToken: options.nextToken }),
  };
}

/**
 * `getOrderBuyerInfo`: the buyer's name and email; needs a Restricted Data Token.
 *
 * @example
 * ```ts
 * getOrderBuyerInfoRequest({ orderId: '902-1845936-5435065' });
 * ```
 */
export function getOrderBuyerInfoRequest(options: { orderId: string }): SpApiRequest {
  return {
    operation: 'getOrderBuyerInfo',
    method: 'GET',
    path: fillPath('/orders/v0/orders/{orderId}/buyerInfo', options),
    restricted: true,
  };
}

/**
 * `getOrderAddress`: the shipping address; needs a Restricted Data Token.
 *
 * @example
 * ```ts
 * getOrderAddressRequest({ orderId: '902-1845936-5435065' });
 * ```
 */
export function getOrderAddressRequest(options: { orderId: string }): SpApiRequest {
  return {
    operation: 'getOrderAddress',
    method: 'GET',
    path: fillPath('/orders/v0/orders/{orderId}/address', options),
    restricted: true,
  };
}
