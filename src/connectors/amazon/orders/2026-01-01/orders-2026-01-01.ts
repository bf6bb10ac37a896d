import type { Clock } from '../../../../core/clock.js';
import type { ListOrdersQuery } from '../../../../core/queries.js';
import type { Order } from '../../../../model/order.js';
import type { SpApiClient } from '../../client.js';
import { fromOrders2026Order, toOrders2026Statuses, type Orders2026Item, type Orders2026Order } from './mapper.js';
import { unwrapMapped } from '../v0/orders-v0.js';
import type { Orders2026Dataset, SearchOrdersFilter } from './requests.js';

/**
 * The datasets the connector asks for: status and money always, buyer and recipient (PII,
 * role-gated, no Restricted Data Token) only when the connector is configured to read them.
 */
export function orders2026Datasets(includeBuyerData: boolean): Orders2026Dataset[] {
  return includeBuyerData ? ['FULFILLMENT', 'PROCEEDS', 'BUYER', 'RECIPIENT'] : ['FULFILLMENT', 'PROCEEDS'];
}

/** One order with its items in a single `getOrder` (2026-01-01) call. */
export async function getOrder2026(client: SpApiClient, orderId: string, includeBuyerData: boolean, signal?: AbortSignal): Promise<Order> {
  const order = await client.getOrder2026<Orders2026Order>(orderId, orders2026Datasets(includeBuyerData), signal);
  return unwrapMapped(fromOrders2026Order(order), 'getOrder');
}

/**
 * Orders updated since `query.since` (default: 30 days back) with `searchOrders`: one call per
 * page of up to 100 orders, items included. Every page repeats the first page's filters, as a
 * `paginationToken` is only valid with them.
 */
export async function* listOrders2026(client: SpApiClient, clock: Clock, includeBuyerData: boolean, query: ListOrdersQuery, signal?: AbortSignal): AsyncIterable<Order> {
  // Only statuses Amazon has none of (such as 'delivered'): an empty filter would mean "all".
  if (query.status && toOrders2026Statuses(query.status).length === 0) return;
  const filter: SearchOrdersFilter = {
    lastUpdatedAfter: query.since ?? new Date(clock.now() - 30 * 86_400_000).toISOString(),
    ...(query.status ? { fulfillmentStatuses: toOrders2026Statuses(query.status) } : {}),
    ...(query.pageSize ? { maxResultsPerPage: query.pageSize } : {}),
    includedData: orders2026Datasets(includeBuyerData),
  };
  let paginationToken: string | undefined;
  do {
    const page = await client.searchOrders<{ orders?: Orders2026Order[]; pagination?: { nextToken?: string } }>(paginationToken ? { ...filter, paginationToken } : filter, signal);
    for (const order of page.orders ?? []) yield unwrapMapped(fromOrders2026Order(order), 'searchOrders');
    paginationToken = page.pagination?.nextToken;
  } while (paginationToken);
}

/**
 * The units of each item not yet shipped, read with one `getOrder` (2026-01-01) call: Amazon's
 * `quantityUnfulfilled` (which leaves out cancelled units), else ordered minus fulfilled.
 */
export async function unshippedLines2026(client: SpApiClient, orderId: string, signal?: AbortSignal): Promise<{ lineItemId: string; quantity: number }[]> {
  const order = await client.getOrder2026<{ orderItems?: Orders2026Item[] }>(orderId, ['FULFILLMENT'], signal);
  return (order.orderItems ?? [])
    .map((item) => ({ lineItemId: item.orderItemId, quantity: item.fulfillment?.quantityUnfulfilled ?? item.quantityOrdered - (item.fulfillment?.quantityFulfilled ?? 0) }))
    .filter((line) => line.quantity > 0);
}
