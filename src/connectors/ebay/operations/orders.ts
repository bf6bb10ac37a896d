import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { ValidationError } from '../../../core/errors/validation-error.js';
import type { ListOrdersQuery } from '../../../core/queries.js';
import type { Order, OrderStatus } from '../../../model/order.js';
import { toEbayOrder } from '../mapper/order.js';
import {
  EBAY_ORDERS_PAGE_MAX,
  EBAY_ORDERS_WINDOW_MS,
  getOrderRequest,
  getOrdersRequest,
  type EbayOrderFilter,
} from '../requests/fulfillment.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayOrder, EbayPage } from '../types.js';

const OPEN: readonly OrderStatus[] = ['pending', 'unshipped', 'partially_shipped'];
const CLOSED: readonly OrderStatus[] = ['partially_shipped', 'shipped', 'delivered'];

/** The fulfillment filter that returns a superset of the statuses asked for (exact filtering happens after mapping). */
function fulfillmentFilter(statuses: readonly OrderStatus[] | undefined): EbayOrderFilter['fulfillment'] {
  if (!statuses || statuses.length === 0 || statuses.includes('cancelled')) return undefined;
  if (statuses.every((status) => OPEN.includes(status))) return 'open';
  if (statuses.every((status) => CLOSED.includes(status))) return 'closed';
  return undefined;
}

/**
 * Maps one eBay order, or throws a `MarketplaceApiError` naming what did not parse.
 *
 * @example
 * ```ts
 * const order = mapOrder(runtime, ebayOrder, 'getOrder');
 * ```
 */
export function mapOrder(rt: EbayRuntime, order: EbayOrder, operation: string): Order {
  const mapped = toEbayOrder(order, rt.marketplace.currency);
  if (mapped.isErr())
    throw new MarketplaceApiError(`Could not read eBay's answer: ${mapped.error.message}`, {
      platform: 'ebay',
      operation,
      retryable: false,
    });
  return mapped.value;
}

/**
 * Orders created or changed since `query.since`, newest changes included, page by page
 * (`getOrders` filtered by `lastmodifieddate`, up to 1,000 a page). eBay's order filter reaches
 * back 90 days: without `since` the whole window is listed, and a `since` older than that is
 * refused (read older orders one by one with getOrder). Statuses are narrowed by eBay's
 * fulfillment filter where it can and matched exactly after mapping.
 *
 * @example
 * ```ts
 * for await (const order of listOrders(runtime, { since: '2026-01-01T00:00:00.000Z', status: ['unshipped'] })) console.log(order.id);
 * ```
 */
export async function* listOrders(
  rt: EbayRuntime,
  query: ListOrdersQuery = {},
  signal?: AbortSignal,
): AsyncIterable<Order> {
  const now = rt.context.clock.now();
  const oldest = now - EBAY_ORDERS_WINDOW_MS;
  const since = query.since === undefined ? oldest : Date.parse(query.since);
  if (!Number.isFinite(since))
    throw new ValidationError(
      'query of listOrders()',
      [{ path: ['since'], message: 'Expected an ISO 8601 timestamp.' }],
      { platform: 'ebay', operation: 'listOrders' },
    );
  if (since < oldest) {
    throw new ValidationError(
      'query of listOrders()',
      [
        {
          path: ['since'],
          message: `eBay's getOrders filter reaches back 90 days (to ${new Date(oldest).toISOString()}); ${query.since} is older. Read older orders with getOrder(id).`,
        },
      ],
      { platform: 'ebay', operation: 'listOrders' },
    );
  }
  const limit = Math.min(EBAY_ORDERS_PAGE_MAX, Math.max(1, Math.trunc(query.pageSize ?? 200)));
  const fulfillment = fulfillmentFilter(query.status);
  const filter: EbayOrderFilter = {
    lastModifiedDate: { from: new Date(since).toISOString() },
    ...(fulfillment ? { fulfillment } : {}),
  };
  const pages = rt.client.pages<EbayPage & { orders?: EbayOrder[] }, EbayOrder>(
    getOrdersRequest({ filter, limit, offset: 0 }),
    (page) => page.orders,
    signal,
  );
  for await (const order of pages) {
    const mapped = mapOrder(rt, order, 'listOrders');
    if (!query.status || query.status.includes(mapped.status)) yield mapped;
  }
}

/**
 * One order by id (with its cancel requests); rejects with `NotFoundError` when eBay has none.
 *
 * @example
 * ```ts
 * const order = await getOrder(runtime, '12-03456-78901');
 * ```
 */
export async function getOrder(rt: EbayRuntime, orderId: string, signal?: AbortSignal): Promise<Order> {
  return mapOrder(rt, await rt.client.send<EbayOrder>(getOrderRequest(orderId), signal), 'getOrder');
}
