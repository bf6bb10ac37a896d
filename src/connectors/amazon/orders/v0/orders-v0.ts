import type { Clock } from '../../../../core/clock.js';
import type { ListOrdersQuery } from '../../../../core/queries.js';
import type { Order } from '../../../../model/order.js';
import type { SpApiClient } from '../../client.js';
import { unwrapMapped } from '../../mapper/unwrap.js';
import type { AmazonOrdersApi, AmazonOrdersDeps, UnshippedLine } from '../orders-api.js';
import { fromSpApiOrder, toSpApiOrderStatuses, type SpApiOrder, type SpApiOrderItem } from './mapper.js';
import {
  getOrderAddressRequest,
  getOrderBuyerInfoRequest,
  getOrderItemsRequest,
  getOrderRequest,
  getOrdersRequest,
  type GetOrdersFilter,
} from './requests.js';

/**
 * Orders API v0: `getOrders` pages, plus `getOrderItems` per order and, with buyer data, the
 * buyer info and address read with Restricted Data Tokens. The raw calls answer Amazon's own
 * shapes (`payload` unwrapped); the {@link AmazonOrdersApi} methods answer canonical orders.
 *
 * @example
 * ```ts
 * const orders = new AmazonOrdersV0({ client: amazon.client, clock, includeBuyerData: true });
 * const order = await orders.getOrder('902-1845936-5435065');
 * ```
 *
 * @category Operations
 */
export class AmazonOrdersV0 implements AmazonOrdersApi {
  readonly version = 'v0';
  readonly #client: SpApiClient;
  readonly #clock: Clock;
  readonly #includeBuyerData: boolean;

  /** @param deps - the client, the clock and whether to read buyer data */
  constructor(deps: AmazonOrdersDeps) {
    this.#client = deps.client;
    this.#clock = deps.clock;
    this.#includeBuyerData = deps.includeBuyerData;
  }

  /** `getOrders` (one page: `Orders` and `NextToken`). */
  getOrders<T = { Orders: unknown[]; NextToken?: string }>(
    filter: Omit<GetOrdersFilter, 'marketplaceIds'> & { marketplaceIds?: readonly string[] },
    signal?: AbortSignal,
  ): Promise<T> {
    return this.#client.sendPayload(
      getOrdersRequest({ ...filter, marketplaceIds: filter.marketplaceIds ?? [this.#client.marketplaceId] }),
      signal,
    );
  }

  /** `getOrderItems`, every page. */
  async getOrderItems<T = unknown>(orderId: string, signal?: AbortSignal): Promise<T[]> {
    const items: T[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.#client.sendPayload<{ OrderItems: T[]; NextToken?: string }>(
        getOrderItemsRequest({ orderId, ...(nextToken ? { nextToken } : {}) }),
        signal,
      );
      items.push(...(page.OrderItems ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
    return items;
  }

  /** Orders updated since `query.since` (default: 30 days back), paging with NextToken, one getOrderItems per order. */
  async *listOrders(query: ListOrdersQuery, signal?: AbortSignal): AsyncIterable<Order> {
    // Only statuses Amazon has none of (such as 'delivered'): an empty OrderStatuses filter would mean "all".
    if (query.status && toSpApiOrderStatuses(query.status).length === 0) return;
    let nextToken: string | undefined;
    const since = query.since ?? new Date(this.#clock.now() - 30 * 86_400_000).toISOString();
    do {
      const page = await this.getOrders<{ Orders: SpApiOrder[]; NextToken?: string }>(
        nextToken
          ? { nextToken }
          : {
              lastUpdatedAfter: since,
              ...(query.status ? { orderStatuses: toSpApiOrderStatuses(query.status) } : {}),
              ...(query.pageSize ? { maxResultsPerPage: query.pageSize } : {}),
            },
        signal,
      );
      for (const order of page.Orders ?? []) yield await this.#complete(order, signal);
      nextToken = page.NextToken;
    } while (nextToken);
  }

  /** One order: `getOrder`, then its items (and buyer data, when configured). */
  async getOrder(orderId: string, signal?: AbortSignal): Promise<Order> {
    return this.#complete(await this.#client.sendPayload<SpApiOrder>(getOrderRequest({ orderId }), signal), signal);
  }

  /** The units of each item not yet shipped, read with getOrderItems. */
  async unshippedLines(orderId: string, signal?: AbortSignal): Promise<UnshippedLine[]> {
    return (await this.getOrderItems<SpApiOrderItem>(orderId, signal))
      .map((item) => ({ lineItemId: item.OrderItemId, quantity: item.QuantityOrdered - (item.QuantityShipped ?? 0) }))
      .filter((line) => line.quantity > 0);
  }

  /** An order with its items and, when asked, buyer info and address read with Restricted Data Tokens. */
  async #complete(order: SpApiOrder, signal?: AbortSignal): Promise<Order> {
    const items = await this.getOrderItems<SpApiOrderItem>(order.AmazonOrderId, signal);
    let full = order;
    if (this.#includeBuyerData) {
      const [buyer, address] = await Promise.all([
        this.#client.sendPayload<{ AmazonOrderId: string; BuyerEmail?: string; BuyerName?: string }>(
          getOrderBuyerInfoRequest({ orderId: order.AmazonOrderId }),
          signal,
        ),
        this.#client.sendPayload<{ ShippingAddress?: SpApiOrder['ShippingAddress'] }>(
          getOrderAddressRequest({ orderId: order.AmazonOrderId }),
          signal,
        ),
      ]);
      full = {
        ...order,
        BuyerInfo: {
          ...(buyer.BuyerEmail ? { BuyerEmail: buyer.BuyerEmail } : {}),
          ...(buyer.BuyerName ? { BuyerName: buyer.BuyerName } : {}),
        },
        ...(address.ShippingAddress ? { ShippingAddress: address.ShippingAddress } : {}),
      };
    }
    return unwrapMapped(fromSpApiOrder(full, items, 'USD'), 'getOrder');
  }
}
