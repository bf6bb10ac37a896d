import type { Clock } from '../../../../core/clock.js';
import type { ListOrdersQuery } from '../../../../core/queries.js';
import type { Order } from '../../../../model/order.js';
import type { SpApiClient } from '../../client.js';
import { unwrapMapped } from '../../mapper/unwrap.js';
import type { AmazonOrdersApi, AmazonOrdersDeps, UnshippedLine } from '../orders-api.js';
import { fromOrders2026Order, toOrders2026Statuses, type Orders2026Item, type Orders2026Order } from './mapper.js';
import {
  getOrder2026Request,
  searchOrdersRequest,
  type Orders2026Dataset,
  type SearchOrdersFilter,
} from './requests.js';

/**
 * The datasets the connector asks for: status and money always, buyer and recipient (PII,
 * role-gated, no Restricted Data Token) only when the connector is configured to read them.
 *
 * @example
 * ```ts
 * orders2026Datasets(false); // ['FULFILLMENT', 'PROCEEDS']
 * ```
 */
export function orders2026Datasets(includeBuyerData: boolean): Orders2026Dataset[] {
  return includeBuyerData ? ['FULFILLMENT', 'PROCEEDS', 'BUYER', 'RECIPIENT'] : ['FULFILLMENT', 'PROCEEDS'];
}

/**
 * Orders API 2026-01-01: one `searchOrders` call per page of up to 100 orders with their items
 * (and buyer data, when configured), one `getOrder` call per order. The raw calls answer
 * Amazon's own shapes; the {@link AmazonOrdersApi} methods answer canonical orders.
 *
 * @example
 * ```ts
 * const orders = new AmazonOrders20260101({ client: amazon.client, clock, includeBuyerData: false });
 * const page = await orders.searchOrders({ lastUpdatedAfter: '2026-11-01T00:00:00Z' });
 * ```
 *
 * @category Operations
 */
export class AmazonOrders20260101 implements AmazonOrdersApi {
  readonly version = '2026-01-01';
  readonly #client: SpApiClient;
  readonly #clock: Clock;
  readonly #includeBuyerData: boolean;

  /** @param deps - the client, the clock and whether to read buyer data */
  constructor(deps: AmazonOrdersDeps) {
    this.#client = deps.client;
    this.#clock = deps.clock;
    this.#includeBuyerData = deps.includeBuyerData;
  }

  /** `searchOrders` (one page: `orders` and `pagination.nextToken`). */
  searchOrders<T = { orders: unknown[]; pagination?: { nextToken?: string } }>(
    filter: SearchOrdersFilter,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.#client.send(
      searchOrdersRequest({ ...filter, marketplaceIds: filter.marketplaceIds ?? [this.#client.marketplaceId] }),
      signal ? { signal } : {},
    );
  }

  /** `getOrder` (the order with its items; `order` unwrapped). */
  async getRawOrder<T = unknown>(
    orderId: string,
    includedData?: readonly Orders2026Dataset[],
    signal?: AbortSignal,
  ): Promise<T> {
    return (
      await this.#client.send<{ order: T }>(
        getOrder2026Request({ orderId, ...(includedData ? { includedData } : {}) }),
        signal ? { signal } : {},
      )
    ).order;
  }

  /**
   * Orders updated since `query.since` (default: 30 days back): one call per page of up to 100
   * orders, items included. Every page repeats the first page's filters, as a
   * `paginationToken` is only valid with them.
   */
  async *listOrders(query: ListOrdersQuery, signal?: AbortSignal): AsyncIterable<Order> {
    // Only statuses Amazon has none of (such as 'delivered'): an empty filter would mean "all".
    if (query.status && toOrders2026Statuses(query.status).length === 0) return;
    const filter: SearchOrdersFilter = {
      lastUpdatedAfter: query.since ?? new Date(this.#clock.now() - 30 * 86_400_000).toISOString(),
      ...(query.status ? { fulfillmentStatuses: toOrders2026Statuses(query.status) } : {}),
      ...(query.pageSize ? { maxResultsPerPage: query.pageSize } : {}),
      includedData: orders2026Datasets(this.#includeBuyerData),
    };
    let paginationToken: string | undefined;
    do {
      const page = await this.searchOrders<{ orders?: Orders2026Order[]; pagination?: { nextToken?: string } }>(
        paginationToken ? { ...filter, paginationToken } : filter,
        signal,
      );
      for (const order of page.orders ?? []) yield unwrapMapped(fromOrders2026Order(order), 'searchOrders');
      paginationToken = page.pagination?.nextToken;
    } while (paginationToken);
  }

  /** One order with its items in a single `getOrder` call. */
  async getOrder(orderId: string, signal?: AbortSignal): Promise<Order> {
    const order = await this.getRawOrder<Orders2026Order>(orderId, orders2026Datasets(this.#includeBuyerData), signal);
    return unwrapMapped(fromOrders2026Order(order), 'getOrder');
  }

  /**
   * The units of each item not yet shipped, read with one `getOrder` call: Amazon's
   * `quantityUnfulfilled` (which leaves out cancelled units), else ordered minus fulfilled.
   */
  async unshippedLines(orderId: string, signal?: AbortSignal): Promise<UnshippedLine[]> {
    const order = await this.getRawOrder<{ orderItems?: Orders2026Item[] }>(orderId, ['FULFILLMENT'], signal);
    return (order.orderItems ?? [])
      .map((item) => ({
        lineItemId: item.orderItemId,
        quantity:
          item.fulfillment?.quantityUnfulfilled ?? item.quantityOrdered - (item.fulfillment?.quantityFulfilled ?? 0),
      }))
      .filter((line) => line.quantity > 0);
  }
}
