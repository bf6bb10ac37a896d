import { EBAY_API_PATHS, segment, type EbayRequest } from './types.js';

const base = EBAY_API_PATHS.fulfillment;

/**
 * How far back `getOrders` filters reach: eBay returns orders of the last 90 days only.
 *
 * @example
 * ```ts
 * const oldest = new Date(now - EBAY_ORDERS_WINDOW_MS).toISOString();
 * ```
 *
 * @category Operations
 */
export const EBAY_ORDERS_WINDOW_MS = 90 * 86_400_000;

/**
 * The most orders `getOrders` returns a page.
 *
 * @example
 * ```ts
 * getOrdersRequest({ limit: EBAY_ORDERS_PAGE_MAX });
 * ```
 *
 * @category Operations
 */
export const EBAY_ORDERS_PAGE_MAX = 1000;

/**
 * The `filter` criteria of `getOrders`. Time ranges are inclusive; `to` may be left open.
 * eBay uses `creationDate` alone when both dates are given.
 */
export interface EbayOrderFilter {
  creationDate?: { from: string; to?: string };
  lastModifiedDate?: { from: string; to?: string };
  /** `open`: NOT_STARTED or IN_PROGRESS; `closed`: FULFILLED or IN_PROGRESS (the two combinations eBay supports). */
  fulfillment?: 'open' | 'closed';
}

/**
 * The `filter` value of `getOrders`, e.g. `lastmodifieddate:[2026-01-01T00:00:00.000Z..],orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}`
 * (the query string percent-encodes the brackets and braces, as eBay requires).
 *
 * @example
 * ```ts
 * ebayOrderFilter({ creationDate: { from: '2026-01-01T00:00:00.000Z' } }); // 'creationdate:[2026-01-01T00:00:00.000Z..]'
 * ```
 */
export function ebayOrderFilter(filter: EbayOrderFilter): string | undefined {
  const parts: string[] = [];
  const range = (name: string, value: { from: string; to?: string } | undefined) => {
    if (value) parts.push(`${name}:[${value.from}..${value.to ?? ''}]`);
  };
  range('creationdate', filter.creationDate);
  range('lastmodifieddate', filter.lastModifiedDate);
  if (filter.fulfillment === 'open') parts.push('orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}');
  if (filter.fulfillment === 'closed') parts.push('orderfulfillmentstatus:{FULFILLED|IN_PROGRESS}');
  return parts.length > 0 ? parts.join(',') : undefined;
}

/**
 * `GET /order`: orders by filter, or by id (up to 50 ids; the filter is then ignored).
 *
 * @example
 * ```ts
 * getOrdersRequest({ filter: { lastModifiedDate: { from: since } }, limit: 200 });
 * ```
 */
export function getOrdersRequest(
  options: {
    filter?: EbayOrderFilter;
    orderIds?: readonly string[];
    limit?: number;
    offset?: number;
    fieldGroups?: 'TAX_BREAKDOWN';
  } = {},
): EbayRequest {
  return {
    operation: 'getOrders',
    method: 'GET',
    path: `${base}/order`,
    query: {
      filter: options.filter ? ebayOrderFilter(options.filter) : undefined,
      orderIds: options.orderIds?.length ? options.orderIds.join(',') : undefined,
      limit: options.limit,
      offset: options.offset,
      fieldGroups: options.fieldGroups,
    },
  };
}

/**
 * `GET /order/{orderId}` (with its cancellation requests, which getOrders leaves empty).
 *
 * @example
 * ```ts
 * getOrderRequest('12-03456-78901');
 * ```
 */
export function getOrderRequest(orderId: string, fieldGroups?: 'TAX_BREAKDOWN'): EbayRequest {
  return { operation: 'getOrder', method: 'GET', path: `${base}/order/${segment(orderId)}`, query: { fieldGroups } };
}

/**
 * `GET /order/{orderId}/shipping_fulfillment`: the packages shipped for an order.
 *
 * @example
 * ```ts
 * getShippingFulfillmentsRequest('12-03456-78901');
 * ```
 */
export function getShippingFulfillmentsRequest(orderId: string): EbayRequest {
  return {
    operation: 'getShippingFulfillments',
    method: 'GET',
    path: `${base}/order/${segment(orderId)}/shipping_fulfillment`,
  };
}

/**
 * The body of `createShippingFulfillment`: which lines are in the package, and how it travels.
 */
export interface EbayShippingFulfillmentInput {
  lineItems: { lineItemId: string; quantity: number }[];
  shippedDate?: string;
  shippingCarrierCode: string;
  trackingNumber: string;
}

/**
 * `POST /order/{orderId}/shipping_fulfillment`: records a shipped package with tracking (not
 * idempotent: sent through the operation ledger, read back by tracking number).
 *
 * @example
 * ```ts
 * createShippingFulfillmentRequest('12-03456-78901', body);
 * ```
 */
export function createShippingFulfillmentRequest(orderId: string, body: EbayShippingFulfillmentInput): EbayRequest {
  return {
    operation: 'createShippingFulfillment',
    method: 'POST',
    path: `${base}/order/${segment(orderId)}/shipping_fulfillment`,
    json: body,
  };
}
