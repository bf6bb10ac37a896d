import { checkId } from './ids.js';
import type { MercadoLibreRequest } from './types.js';

/**
 * The page size the connector asks `/orders/search` for (MercadoLibre's default).
 *
 * @example
 * ```ts
 * searchOrdersRequest({ sellerId, offset: 0, limit: MERCADOLIBRE_ORDERS_PAGE });
 * ```
 */
export const MERCADOLIBRE_ORDERS_PAGE = 50;

/**
 * A timestamp as MercadoLibre's order filters take it (`2026-01-01T00:00:00.000-00:00`).
 *
 * @example
 * ```ts
 * mercadolibreDate('2026-01-01T00:00:00Z'); // '2026-01-01T00:00:00.000-00:00'
 * ```
 */
export function mercadolibreDate(iso: string): string {
  return new Date(iso).toISOString().replace(/Z$/, '-00:00');
}

/**
 * `GET /orders/search?seller=...`: the seller's orders updated since a time, oldest first,
 * `offset`/`limit` paging; `statuses` filters by `order.status`.
 *
 * @example
 * ```ts
 * searchOrdersRequest({ sellerId: '468424240', updatedFrom: '2026-01-01T00:00:00Z', offset: 50 });
 * ```
 */
export function searchOrdersRequest(input: {
  sellerId: string;
  updatedFrom?: string;
  statuses?: readonly string[];
  offset?: number;
  limit?: number;
}): MercadoLibreRequest {
  const query: Record<string, string | number> = {
    seller: checkId('numeric', input.sellerId, 'sellerId'),
    sort: 'date_asc',
    offset: Math.max(0, Math.floor(input.offset ?? 0)),
    limit: Math.min(Math.max(1, Math.floor(input.limit ?? MERCADOLIBRE_ORDERS_PAGE)), MERCADOLIBRE_ORDERS_PAGE),
  };
  if (input.updatedFrom !== undefined) query['order.date_last_updated.from'] = mercadolibreDate(input.updatedFrom);
  if (input.statuses?.length) query['order.status'] = input.statuses.join(',');
  return { operation: 'searchOrders', method: 'GET', path: '/orders/search', query };
}

/**
 * `GET /orders/{id}`.
 *
 * @example
 * ```ts
 * getOrderRequest('2000003508419013');
 * ```
 */
export function getOrderRequest(orderId: string): MercadoLibreRequest {
  return { operation: 'getOrder', method: 'GET', path: `/orders/${checkId('numeric', orderId, 'orderId')}` };
}

/**
 * The reasons a seller can give when a sale did not happen (`fulfilled: false`).
 *
 * @category Operations
 */
export type MercadoLibreCancelReason =
  | 'OUT_OF_STOCK'
  | 'SELLER_REGRETS'
  | 'BUYER_REGRETS'
  | 'BUYER_DID_NOT_ANSWER'
  | 'BUYER_NOT_ENOUGH_MONEY'
  | 'THEY_NOT_HONORED_POLICIES';

/**
 * `POST /orders/{id}/feedback` with `fulfilled: false`: how a seller cancels a sale that is
 * not shipped through Mercado Envíos 2, with the reason and whether to put the stock back.
 *
 * @example
 * ```ts
 * orderCancellationRequest('2000003508419013', { reason: 'OUT_OF_STOCK', message: 'Sin stock', restock: false });
 * ```
 */
export function orderCancellationRequest(
  orderId: string,
  input: { reason: MercadoLibreCancelReason; message: string; restock: boolean },
): MercadoLibreRequest {
  return {
    operation: 'orderFeedback',
    method: 'POST',
    path: `/orders/${checkId('numeric', orderId, 'orderId')}/feedback`,
    json: {
      fulfilled: false,
      rating: 'neutral',
      message: input.message.slice(0, 160),
      reason: input.reason,
      restock_item: input.restock,
    },
  };
}
