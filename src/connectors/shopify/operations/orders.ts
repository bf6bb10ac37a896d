import type { ItemOutcome } from '../../../core/batch.js';
import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import { ValidationError } from '../../../core/errors/validation-error.js';
import type { ListOrdersQuery } from '../../../core/queries.js';
import type { CancelOrderRequest, Order } from '../../../model/order.js';
import type { Shipment } from '../../../model/shipment.js';
import { SHOPIFY_SINGLE_QUERY_MAX_COST } from '../cost-planner.js';
import {
  FULFILLMENT_CREATE_MUTATION,
  FULFILLMENT_ORDERS_QUERY,
  ORDER_CANCEL_MUTATION,
  ORDER_QUERY,
  ORDERS_QUERY,
} from '../documents.js';
import { fromGid, toGid } from '../gid.js';
import { toOrder } from '../mapper.js';
import { largestPageWithin } from '../query-cost.js';
import type { ShopifyRuntime } from '../runtime.js';
import { userErrorToError } from '../user-errors.js';
import { mapConcurrent } from '../batching.js';
import type { ShopifyConnection, ShopifyOrderNode, ShopifyUserError } from '../types.js';

function mapped(node: ShopifyOrderNode, operation: string): Order {
  const result = toOrder(node);
  if (result.isErr())
    throw new MarketplaceApiError(result.error.message, {
      platform: 'shopify',
      operation,
      body: { reason: result.error.reason },
    });
  return result.value;
}

function failed<I>(index: number, input: I, error: unknown): ItemOutcome<I, never> {
  return {
    index,
    input,
    ok: false,
    error: isMarketbridgeError(error)
      ? error
      : new MarketplaceApiError(String(error), { platform: 'shopify', cause: error }),
  };
}

async function fetchOrder(
  runtime: ShopifyRuntime,
  id: string,
  operation: string,
  signal?: AbortSignal,
): Promise<ShopifyOrderNode> {
  const { data } = await runtime.client.request<{ order: ShopifyOrderNode | null }>(
    ORDER_QUERY,
    { id: toGid('Order', id) },
    { operation, ...(signal ? { signal } : {}) },
  );
  if (!data.order) throw new NotFoundError(`No Shopify order with id ${id}.`, { platform: 'shopify', operation });
  return data.order;
}

/**
 * Orders updated at or after `since`, oldest change first, page by page; orders with more
 * lines than a listing page holds are read again whole.
 *
 * @example
 * ```ts
 * for await (const order of listOrders(runtime, { since: '2026-11-01T00:00:00Z' })) console.log(order.id);
 * ```
 */
export async function* listOrders(
  runtime: ShopifyRuntime,
  query: ListOrdersQuery = {},
  signal?: AbortSignal,
): AsyncGenerator<Order> {
  const variables = { query: query.since ? `updated_at:>='${query.since}'` : null };
  const max = largestPageWithin(ORDERS_QUERY, variables, 'first', SHOPIFY_SINGLE_QUERY_MAX_COST);
  const first = Math.max(1, Math.min(query.pageSize ?? max, max));
  const statuses = query.status ? new Set(query.status) : undefined;
  const pages = runtime.client.paginate<{ orders: ShopifyConnection<ShopifyOrderNode> }, ShopifyOrderNode>(
    ORDERS_QUERY,
    { ...variables, first },
    (data) => data.orders,
    {
      operation: 'listOrders',
      ...(signal ? { signal } : {}),
    },
  );
  for await (const node of pages) {
    const full = node.lineItems.pageInfo?.hasNextPage ? await fetchOrder(runtime, node.id, 'listOrders', signal) : node;
    const result = toOrder(full);
    if (result.isErr()) {
      runtime.context.logger.warn(`Skipped Shopify order ${full.name}: ${result.error.message}`, {
        reason: result.error.reason,
      });
      continue;
    }
    if (!statuses || statuses.has(result.value.status)) yield result.value;
  }
}

/**
 * One order by id (numeric or GID).
 *
 * @example
 * ```ts
 * const order = await getOrder(runtime, '1001');
 * ```
 */
export async function getOrder(runtime: ShopifyRuntime, id: string, signal?: AbortSignal): Promise<Order> {
  return mapped(await fetchOrder(runtime, id, 'getOrder', signal), 'getOrder');
}

interface FulfillmentOrderNode {
  id: string;
  status: string;
  lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { id: string } }[] };
}

/** Fulfillment-order lines for the shipment: the given lines, or everything still to ship. */
function fulfillmentLines(shipment: Shipment, orders: FulfillmentOrderNode[]) {
  const open = orders.filter((order) => order.status === 'OPEN' || order.status === 'IN_PROGRESS');
  const wanted = shipment.lineItems
    ? new Map(shipment.lineItems.map((line) => [line.lineItemId, line.quantity]))
    : undefined;
  const groups = open
    .map((order) => ({
      fulfillmentOrderId: order.id,
      fulfillmentOrderLineItems: order.lineItems.nodes
        .filter((line) => line.remainingQuantity > 0 && (!wanted || wanted.has(fromGid(line.lineItem.id))))
        .map((line) => {
          const quantity = wanted
            ? Math.min(line.remainingQuantity, wanted.get(fromGid(line.lineItem.id)) ?? 0)
            : line.remainingQuantity;
          wanted?.set(fromGid(line.lineItem.id), (wanted.get(fromGid(line.lineItem.id)) ?? 0) - quantity);
          return { id: line.id, quantity };
        })
        .filter((line) => line.quantity > 0),
    }))
    .filter((group) => group.fulfillmentOrderLineItems.length > 0);
  const unmatched = wanted ? [...wanted].filter(([, quantity]) => quantity > 0).map(([id]) => id) : [];
  return { groups, unmatched };
}

/**
 * Confirms shipments with `fulfillmentCreate` on the order's open fulfillment orders, with
 * carrier, tracking number and URL. Not retried after an unknown outcome (it would ship twice).
 *
 * @example
 * ```ts
 * await confirmShipment(runtime, [{ orderId: '1001', carrier: 'DHL', trackingNumber: 'JD01', shippedAt }]);
 * ```
 */
export async function confirmShipment(
  runtime: ShopifyRuntime,
  shipments: readonly Shipment[],
  signal?: AbortSignal,
): Promise<ItemOutcome<Shipment, Shipment>[]> {
  return mapConcurrent(
    shipments,
    runtime.config.concurrency,
    async (shipment, index): Promise<ItemOutcome<Shipment, Shipment>> => {
      try {
        const { data } = await runtime.client.request<{
          order: { fulfillmentOrders: { nodes: FulfillmentOrderNode[] } } | null;
        }>(
          FULFILLMENT_ORDERS_QUERY,
          { id: toGid('Order', shipment.orderId) },
          { operation: 'confirmShipment', ...(signal ? { signal } : {}) },
        );
        if (!data.order)
          throw new NotFoundError(`No Shopify order with id ${shipment.orderId}.`, {
            platform: 'shopify',
            operation: 'confirmShipment',
          });
        const { groups, unmatched } = fulfillmentLines(shipment, data.order.fulfillmentOrders.nodes);
        if (groups.length === 0 || unmatched.length > 0) {
          throw new ValidationError(
            'shipment',
            [
              {
                path: ['lineItems'],
                message: unmatched.length
                  ? `Lines ${unmatched.join(', ')} have nothing left to ship.`
                  : `Order ${shipment.orderId} has nothing left to ship.`,
              },
            ],
            { platform: 'shopify', operation: 'confirmShipment' },
          );
        }
        const trackingInfo = {
          company: shipment.carrier,
          number: shipment.trackingNumber,
          ...(shipment.trackingUrl ? { url: shipment.trackingUrl } : {}),
        };
        const result = await runtime.client.request<{
          fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: ShopifyUserError[] };
        }>(
          FULFILLMENT_CREATE_MUTATION,
          { fulfillment: { lineItemsByFulfillmentOrder: groups, trackingInfo, notifyCustomer: false } },
          { operation: 'confirmShipment', idempotent: false, ...(signal ? { signal } : {}) },
        );
        const payload = result.data.fulfillmentCreate;
        if (payload.userErrors[0] || !payload.fulfillment)
          throw userErrorToError(
            payload.userErrors[0] ?? { field: null, message: 'No fulfillment returned.' },
            'confirmShipment',
          );
        return { index, input: shipment, ok: true, value: { ...shipment, id: fromGid(payload.fulfillment.id) } };
      } catch (error) {
        return failed(index, shipment, error);
      }
    },
  );
}

const REASONS: Record<string, string> = {
  buyer_request: 'CUSTOMER',
  customer: 'CUSTOMER',
  fraud: 'FRAUD',
  out_of_stock: 'INVENTORY',
  inventory: 'INVENTORY',
  declined: 'DECLINED',
  payment_declined: 'DECLINED',
  staff: 'STAFF',
  seller_cancelled: 'OTHER',
};

/**
 * Cancels whole orders with `orderCancel` (restocking), then reads the order back. Shopify
 * cancels only whole orders here; a request naming lines is refused for that item.
 *
 * @example
 * ```ts
 * await cancelOrder(runtime, [{ orderId: '1001', reason: 'out_of_stock' }]);
 * ```
 */
export async function cancelOrder(
  runtime: ShopifyRuntime,
  requests: readonly CancelOrderRequest[],
  signal?: AbortSignal,
): Promise<ItemOutcome<CancelOrderRequest, Order>[]> {
  return mapConcurrent(
    requests,
    runtime.config.concurrency,
    async (request, index): Promise<ItemOutcome<CancelOrderRequest, Order>> => {
      try {
        if (request.lineItems?.length) {
          throw new ValidationError(
            'cancel request',
            [
              {
                path: ['lineItems'],
                message: 'Shopify cancels whole orders; remove lines with an order edit instead.',
              },
            ],
            { platform: 'shopify', operation: 'cancelOrder' },
          );
        }
        const reason = REASONS[request.reason ?? 'seller_cancelled'] ?? 'OTHER';
        const { data } = await runtime.client.request<{ orderCancel: { orderCancelUserErrors: ShopifyUserError[] } }>(
          ORDER_CANCEL_MUTATION,
          {
            orderId: toGid('Order', request.orderId),
            reason,
            restock: true,
            notifyCustomer: false,
            staffNote: request.reason ?? null,
          },
          { operation: 'cancelOrder', idempotent: false, ...(signal ? { signal } : {}) },
        );
        const [userError] = data.orderCancel.orderCancelUserErrors;
        if (userError) throw userErrorToError(userError, 'cancelOrder');
        return { index, input: request, ok: true, value: await getOrder(runtime, request.orderId, signal) };
      } catch (error) {
        return failed(index, request, error);
      }
    },
  );
}
