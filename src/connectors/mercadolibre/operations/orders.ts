import { toBatchResult, type BatchResult } from '../../../core/batch.js';
import { ConflictError } from '../../../core/errors/conflict-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { ListOrdersQuery } from '../../../core/queries.js';
import type { CancelOrderRequest, Order } from '../../../model/order.js';
import { MERCADOLIBRE_ORDER_STATUSES, mercadolibreStatusesFor, orderToCanonical } from '../mapper/orders.js';
import { MERCADOLIBRE_ORDERS_PAGE, type MercadoLibreCancelReason } from '../requests/orders.js';
import type { MercadoLibreOrder } from '../types/index.js';
import { mapWithConcurrency } from './concurrency.js';
import { outcomeOf } from './outcomes.js';
import type { MercadoLibreRuntime } from './runtime.js';

/**
 * An order as a canonical order, or a typed error naming what could not be read.
 *
 * @example
 * ```ts
 * const order = canonicalOrderOf(payload, 'getOrder');
 * ```
 */
export function canonicalOrderOf(payload: unknown, operation: string): Order {
  const mapped = orderToCanonical(payload);
  if (mapped.isErr())
    throw new MarketplaceApiError(`MercadoLibre returned an order marketbridge cannot read: ${mapped.error.message}`, {
      platform: 'mercadolibre',
      operation,
      body: mapped.error.details,
      retryable: false,
    });
  return mapped.value;
}

/**
 * The seller's orders updated since `query.since`, oldest first: `/orders/search` by seller
 * and `order.date_last_updated.from`, `offset`/`limit` paging (50 a page), read a page at a
 * time. Every order status is asked for (a seller's search leaves cancelled orders out
 * otherwise); a status filter asks for the matching ones and checks the canonical status of
 * each result. An order that moves while pages are read is yielded once.
 *
 * @example
 * ```ts
 * for await (const order of listOrders(runtime, { since: '2026-11-01T00:00:00Z', status: ['unshipped'] })) console.log(order.id);
 * ```
 */
export async function* listOrders(
  runtime: MercadoLibreRuntime,
  query: ListOrdersQuery = {},
  signal?: AbortSignal,
): AsyncGenerator<Order, void, undefined> {
  // A seller's search leaves cancelled orders out unless asked for them by status.
  const statuses = query.status?.length ? mercadolibreStatusesFor(query.status) : [...MERCADOLIBRE_ORDER_STATUSES];
  const limit = Math.min(query.pageSize ?? MERCADOLIBRE_ORDERS_PAGE, MERCADOLIBRE_ORDERS_PAGE);
  const seen = new Set<string>();
  for (let offset = 0; ; ) {
    signal?.throwIfAborted();
    const page = await runtime.client.searchOrders(
      {
        sellerId: runtime.config.sellerId,
        offset,
        limit,
        statuses,
        ...(query.since ? { updatedFrom: query.since } : {}),
      },
      signal,
    );
    const results = page.results ?? [];
    for (const payload of results) {
      const order = canonicalOrderOf(payload, 'listOrders');
      if (seen.has(order.id) || (query.status?.length && !query.status.includes(order.status))) continue;
      seen.add(order.id);
      yield order;
    }
    offset += results.length;
    if (results.length === 0 || offset >= (page.paging?.total ?? 0)) return;
  }
}

/**
 * One order; `NotFoundError` when it does not exist.
 *
 * @example
 * ```ts
 * const order = await getOrder(runtime, '2000003508419013');
 * ```
 */
export async function getOrder(runtime: MercadoLibreRuntime, id: string, signal?: AbortSignal): Promise<Order> {
  return canonicalOrderOf(await runtime.client.getOrder(id, signal), 'getOrder');
}

const REASONS: Record<string, MercadoLibreCancelReason> = {
  out_of_stock: 'OUT_OF_STOCK',
  buyer_request: 'BUYER_REGRETS',
  buyer_cancelled: 'BUYER_REGRETS',
  buyer_no_answer: 'BUYER_DID_NOT_ANSWER',
  payment_failed: 'BUYER_NOT_ENOUGH_MONEY',
  policy_violation: 'THEY_NOT_HONORED_POLICIES',
};
const ML_REASONS = new Set<string>(Object.values(REASONS).concat('SELLER_REGRETS'));

/**
 * MercadoLibre's reason for a canonical cancellation reason: `out_of_stock` → OUT_OF_STOCK,
 * `buyer_request` → BUYER_REGRETS, `buyer_no_answer` → BUYER_DID_NOT_ANSWER,
 * `payment_failed` → BUYER_NOT_ENOUGH_MONEY, `policy_violation` → THEY_NOT_HONORED_POLICIES,
 * one of MercadoLibre's own reasons as it is, anything else → SELLER_REGRETS.
 *
 * @example
 * ```ts
 * cancelReasonOf('out_of_stock'); // 'OUT_OF_STOCK'
 * ```
 */
export function cancelReasonOf(reason: string | undefined): MercadoLibreCancelReason {
  if (reason && ML_REASONS.has(reason)) return reason as MercadoLibreCancelReason;
  return REASONS[reason ?? ''] ?? 'SELLER_REGRETS';
}

async function cancelOne(
  runtime: MercadoLibreRuntime,
  request: CancelOrderRequest,
  signal?: AbortSignal,
): Promise<Order> {
  const raw: MercadoLibreOrder = await runtime.client.getOrder(request.orderId, signal);
  const order = canonicalOrderOf(raw, 'cancelOrder');
  if (order.status === 'cancelled') return order;
  if (order.status === 'shipped' || order.status === 'delivered') {
    throw new ConflictError(
      `Order ${request.orderId} is already ${order.status}; MercadoLibre handles it as a return or claim now.`,
      { platform: 'mercadolibre', operation: 'cancelOrder' },
    );
  }
  const shipmentId = raw.shipping?.id;
  if (shipmentId) {
    const shipment = await runtime.client.getShipment(String(shipmentId), signal);
    const mode = shipment.logistic?.mode ?? shipment.mode;
    if (mode === 'me2') {
      throw new ConflictError(
        `Order ${request.orderId} ships with Mercado Envíos 2; MercadoLibre does not let the seller cancel it through the API (the buyer or MercadoLibre's support can).`,
        { platform: 'mercadolibre', operation: 'cancelOrder' },
      );
    }
  }
  const reason = cancelReasonOf(request.reason);
  await runtime.ledger.execute({
    key: `mercadolibre:cancelOrder:${request.orderId}`,
    operation: 'cancelOrder',
    send: (s) =>
      runtime.client.cancelOrder(
        request.orderId,
        {
          reason,
          message: `Sale cancelled: ${reason.toLowerCase().replace(/_/g, ' ')}`,
          restock: reason !== 'OUT_OF_STOCK',
        },
        s,
      ),
    readBack: async (s) =>
      canonicalOrderOf(await runtime.client.getOrder(request.orderId, s), 'cancelOrder').status === 'cancelled'
        ? { status: 'applied', result: undefined }
        : { status: 'not_applied' },
    ...(signal ? { signal } : {}),
  });
  return canonicalOrderOf(await runtime.client.getOrder(request.orderId, signal), 'cancelOrder');
}

/**
 * Cancels sales the seller may cancel: orders not yet shipped that do not ship through
 * Mercado Envíos 2 (seller-shipped ME1, custom shipping or none), by leaving the sale's
 * feedback `fulfilled: false` with the mapped reason; stock goes back unless the reason is
 * out of stock. The feedback is recorded in the operation ledger first and a lost answer is
 * settled by reading the order. An order already cancelled succeeds again. Per item:
 * `ConflictError` (Mercado Envíos 2, already shipped), `NotFoundError`.
 *
 * @example
 * ```ts
 * await cancelOrders(runtime, [{ orderId: '2000003508419013', reason: 'out_of_stock' }]);
 * ```
 */
export async function cancelOrders(
  runtime: MercadoLibreRuntime,
  requests: readonly CancelOrderRequest[],
  signal?: AbortSignal,
): Promise<BatchResult<CancelOrderRequest, Order>> {
  const outcomes = await mapWithConcurrency(requests, runtime.config.concurrency, (request, index) =>
    outcomeOf(index, request, 'cancelOrder', () => cancelOne(runtime, request, signal), signal),
  );
  return toBatchResult(outcomes);
}
