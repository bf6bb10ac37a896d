import type { ItemOutcome } from '../../../../core/batch.js';
import type { Clock } from '../../../../core/clock.js';
import { MarketplaceApiError } from '../../../../core/errors/marketplace-api-error.js';
import type { ListFinancialEventsQuery, ListOrdersQuery } from '../../../../core/queries.js';
import type { FinancialEvent } from '../../../../model/finance.js';
import type { Order } from '../../../../model/order.js';
import type { Shipment } from '../../../../model/shipment.js';
import type { SpApiClient } from '../../client.js';
import { fromSpApiFinancialEvents, type SpApiFinancialEvents } from '../../finances/v0/mapper.js';
import { fromSpApiOrder, toSpApiOrderStatuses, type SpApiOrder, type SpApiOrderItem } from './mapper.js';

/** A mapping result as a value, or the error the connector throws for an unreadable answer. */
export function unwrapMapped<T>(result: { isOk(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): { message: string } }, operation: string): T {
  if (result.isOk()) return result._unsafeUnwrap();
  throw new MarketplaceApiError(`Could not read Amazon's answer: ${result._unsafeUnwrapErr().message}`, { platform: 'amazon', operation, retryable: false });
}

/** Orders v0: an order with its items and, when asked, buyer info and address read with Restricted Data Tokens. */
export async function completeOrder(client: SpApiClient, order: SpApiOrder, includeBuyerData: boolean, signal?: AbortSignal): Promise<Order> {
  const items = await client.getOrderItems<SpApiOrderItem>(order.AmazonOrderId, signal);
  let full = order;
  if (includeBuyerData) {
    const [buyer, address] = await Promise.all([client.getOrderBuyerInfo(order.AmazonOrderId, signal), client.getOrderAddress<{ ShippingAddress?: SpApiOrder['ShippingAddress'] }>(order.AmazonOrderId, signal)]);
    full = { ...order, BuyerInfo: { ...(buyer.BuyerEmail ? { BuyerEmail: buyer.BuyerEmail } : {}), ...(buyer.BuyerName ? { BuyerName: buyer.BuyerName } : {}) }, ...(address.ShippingAddress ? { ShippingAddress: address.ShippingAddress } : {}) };
  }
  return unwrapMapped(fromSpApiOrder(full, items, 'USD'), 'getOrder');
}

/** Orders v0: orders updated since `query.since` (default: 30 days back), paging with NextToken, one getOrderItems per order. */
export async function* listOrdersV0(client: SpApiClient, clock: Clock, includeBuyerData: boolean, query: ListOrdersQuery, signal?: AbortSignal): AsyncIterable<Order> {
  // Only statuses Amazon has none of (such as 'delivered'): an empty OrderStatuses filter would mean "all".
  if (query.status && toSpApiOrderStatuses(query.status).length === 0) return;
  let nextToken: string | undefined;
  const since = query.since ?? new Date(clock.now() - 30 * 86_400_000).toISOString();
  do {
    const page = await client.getOrders<{ Orders: SpApiOrder[]; NextToken?: string }>(
      nextToken
        ? { nextToken }
        : { lastUpdatedAfter: since, ...(query.status ? { orderStatuses: toSpApiOrderStatuses(query.status) } : {}), ...(query.pageSize ? { maxResultsPerPage: query.pageSize } : {}) },
      signal,
    );
    for (const order of page.Orders ?? []) yield await completeOrder(client, order, includeBuyerData, signal);
    nextToken = page.NextToken;
  } while (nextToken);
}

/** Orders v0: the units of each item not yet shipped, read with getOrderItems. */
export async function unshippedLinesV0(client: SpApiClient, orderId: string, signal?: AbortSignal): Promise<{ lineItemId: string; quantity: number }[]> {
  return (await client.getOrderItems<SpApiOrderItem>(orderId, signal))
    .map((item) => ({ lineItemId: item.OrderItemId, quantity: item.QuantityOrdered - (item.QuantityShipped ?? 0) }))
    .filter((line) => line.quantity > 0);
}

/**
 * Confirms each shipment with `confirmShipment` (Orders v0: 2026-01-01 has no write
 * operations); without lines, every unit `unshippedLines` reports for the order.
 */
export async function confirmShipments(
  client: SpApiClient,
  shipments: readonly Shipment[],
  unshippedLines: (client: SpApiClient, orderId: string, signal?: AbortSignal) => Promise<{ lineItemId: string; quantity: number }[]>,
  signal?: AbortSignal,
): Promise<ItemOutcome<Shipment, Shipment>[]> {
  const outcomes: ItemOutcome<Shipment, Shipment>[] = [];
  for (const [index, shipment] of shipments.entries()) {
    try {
      const lines = shipment.lineItems ?? (await unshippedLines(client, shipment.orderId, signal));
      await client.confirmShipment(
        { orderId: shipment.orderId, packageReferenceId: shipment.id ?? `${shipment.orderId}-${shipment.trackingNumber}`.slice(0, 40), carrierCode: shipment.carrier, trackingNumber: shipment.trackingNumber, shipDate: shipment.shippedAt, orderItems: lines.map((line) => ({ orderItemId: line.lineItemId, quantity: line.quantity })) },
        signal,
      );
      outcomes.push({ index, input: shipment, ok: true, value: shipment });
    } catch (error) {
      outcomes.push({ index, input: shipment, ok: false, error: error as MarketplaceApiError });
    }
  }
  return outcomes;
}

/** Financial events of a time range or of one order, page by page. */
export async function* listFinancialEvents(client: SpApiClient, clock: Clock, query: ListFinancialEventsQuery, signal?: AbortSignal): AsyncIterable<FinancialEvent> {
  let nextToken: string | undefined;
  const fallback = new Date(clock.now()).toISOString();
  do {
    const page = query.orderId
      ? await client.listFinancialEventsByOrderId<{ FinancialEvents: SpApiFinancialEvents; NextToken?: string }>(query.orderId, nextToken, signal)
      : await client.listFinancialEvents<{ FinancialEvents: SpApiFinancialEvents; NextToken?: string }>(
          nextToken ? { nextToken } : { ...(query.since ? { postedAfter: query.since } : {}), ...(query.until ? { postedBefore: query.until } : {}) },
          signal,
        );
    yield* unwrapMapped(fromSpApiFinancialEvents(page.FinancialEvents ?? {}, fallback), 'listFinancialEvents');
    nextToken = page.NextToken;
  } while (nextToken);
}
