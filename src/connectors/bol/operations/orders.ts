import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { ListOrdersQuery } from '../../../core/queries.js';
import { paginatePages } from '../../../http/pagination.js';
import type { Order, OrderStatus } from '../../../model/order.js';
import { orderFromBol } from '../mapper/order.js';
import { getOrderRequest, getOrdersRequest } from '../requests/orders.js';
import type { BolRuntime } from '../runtime.js';
import type { BolOrder, BolReducedOrder } from '../types.js';

/** Orders per page of `GET /orders`. */
const PAGE_SIZE = 50;

function bolStatusFor(statuses: readonly OrderStatus[] | undefined): 'OPEN' | 'SHIPPED' | 'ALL' {
  if (!statuses || statuses.length === 0) return 'OPEN';
  const open = statuses.some(
    (status) => status === 'pending' || status === 'unshipped' || status === 'partially_shipped',
  );
  const closed = statuses.some((status) => status === 'shipped' || status === 'delivered' || status === 'cancelled');
  return open && !closed ? 'OPEN' : closed && !open && !statuses.includes('cancelled') ? 'SHIPPED' : 'ALL';
}

/**
 * Orders as bol.com lists them (`GET /orders`, 50 a page), without prices or addresses: one
 * call per page. `status` is bol.com's (`OPEN` by default).
 *
 * @example
 * ```ts
 * for await (const order of listOrderSummaries(runtime, { status: 'OPEN' })) console.log(order.orderId);
 * ```
 */
export function listOrderSummaries(
  runtime: BolRuntime,
  query: { status?: 'OPEN' | 'SHIPPED' | 'ALL'; fulfilmentMethod?: 'FBR' | 'FBB' | 'ALL' } = {},
  signal?: AbortSignal,
): AsyncGenerator<BolReducedOrder> {
  return paginatePages<BolReducedOrder>(
    async (page, pageSignal) =>
      (
        await runtime.client.send<{ orders?: BolReducedOrder[] }>(
          getOrdersRequest({
            page,
            fulfilmentMethod: query.fulfilmentMethod ?? runtime.config.ordersFulfilmentMethod,
            status: query.status ?? 'OPEN',
          }),
          pageSignal,
        )
      ).data?.orders ?? [],
    { pageSize: PAGE_SIZE, ...(signal ? { signal } : {}) },
  );
}

/**
 * One order with its items, prices and addresses (`GET /orders/{order-id}`).
 *
 * @example
 * ```ts
 * const order = await getBolOrder(runtime, 'A2K8290LP8');
 * ```
 */
export async function getBolOrder(
  runtime: BolRuntime,
  orderId: string,
  signal?: AbortSignal,
): Promise<{ raw: BolOrder; order: Order }> {
  const { data } = await runtime.client.send<BolOrder>(getOrderRequest(orderId), signal);
  const mapped = orderFromBol(data, runtime.config.identifier);
  if (mapped.isErr())
    throw new MarketplaceApiError(
      `bol.com answered order ${orderId} in a shape the connector cannot read: ${mapped.error.message}`,
      { platform: 'bol', operation: 'getOrder', retryable: false, body: data },
    );
  return { raw: data, order: mapped.value };
}

/**
 * Canonical orders: the list pages (`OPEN` orders unless `status` asks for shipped or cancelled
 * ones; `ordersFulfilmentMethod` chooses FBR, FBB or both), orders changed before `since`
 * skipped on the list's change times, then each order read with its items. bol.com keeps
 * handled orders listed for a short time only; older ones are read with `getOrder`.
 *
 * @example
 * ```ts
 * for await (const order of listBolOrders(runtime, { since: '2026-01-01T00:00:00Z' })) console.log(order.id);
 * ```
 */
export async function* listBolOrders(
  runtime: BolRuntime,
  query: ListOrdersQuery = {},
  signal?: AbortSignal,
): AsyncGenerator<Order> {
  const since = query.since ? Date.parse(query.since) : undefined;
  for await (const summary of listOrderSummaries(runtime, { status: bolStatusFor(query.status) }, signal)) {
    if (since !== undefined) {
      const changed = Math.max(
        Date.parse(summary.orderPlacedDateTime),
        ...summary.orderItems.map((item) => Date.parse(item.latestChangedDateTime)).filter((at) => !Number.isNaN(at)),
      );
      if (changed < since) continue;
    }
    const { order } = await getBolOrder(runtime, summary.orderId, signal);
    if (query.status && query.status.length > 0 && !query.status.includes(order.status)) continue;
    yield order;
  }
}
