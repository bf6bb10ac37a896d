import type { Clock } from '../../../core/clock.js';
import type { ListOrdersQuery } from '../../../core/queries.js';
import type { Order } from '../../../model/order.js';
import type { SpApiClient } from '../client.js';

/**
 * The Orders API generations the connector reads orders with (`ordersApi` in its
 * configuration): each lives in a folder of its own behind {@link AmazonOrdersApi}.
 *
 * @category Operations
 */
export type AmazonOrdersVersion = 'v0' | '2026-01-01';

/**
 * The units of one order item not yet shipped.
 *
 * @category Operations
 */
export interface UnshippedLine {
  lineItemId: string;
  quantity: number;
}

/**
 * What every Orders API generation answers, in canonical terms. The connector picks one
 * generation when it is constructed; retiring a generation is deleting its folder.
 *
 * @example
 * ```ts
 * const orders: AmazonOrdersApi = createAmazonOrdersApi('2026-01-01', { client, clock, includeBuyerData: false });
 * for await (const order of orders.listOrders({ since: '2026-11-01T00:00:00Z' })) console.log(order.id);
 * ```
 *
 * @category Operations
 */
export interface AmazonOrdersApi {
  /** The generation answering. */
  readonly version: AmazonOrdersVersion;
  /** Orders updated since `query.since` (default: 30 days back), paged lazily. */
  listOrders(query: ListOrdersQuery, signal?: AbortSignal): AsyncIterable<Order>;
  /** One order with its items (and buyer data, when configured). */
  getOrder(orderId: string, signal?: AbortSignal): Promise<Order>;
  /** The units of each item not yet shipped: what a shipment without lines confirms. */
  unshippedLines(orderId: string, signal?: AbortSignal): Promise<UnshippedLine[]>;
}

/**
 * What an Orders API generation needs: the operation-level client, the clock (default
 * windows) and whether to read buyer data.
 *
 * @category Operations
 */
export interface AmazonOrdersDeps {
  client: SpApiClient;
  clock: Clock;
  /** Read buyer name, email and shipping address (restricted roles or Restricted Data Tokens). */
  includeBuyerData: boolean;
}
