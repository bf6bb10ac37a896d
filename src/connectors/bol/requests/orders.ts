import type { BolCancellationReason, BolShipmentRequest } from '../types.js';
import { segment, type BolRequest } from './types.js';

/**
 * Filters of `GET /orders` (50 orders a page).
 */
export interface BolOrdersQuery {
  page?: number;
  fulfilmentMethod?: 'FBR' | 'FBB' | 'ALL';
  status?: 'OPEN' | 'SHIPPED' | 'ALL';
  /** Only items changed in the last N minutes (at most 60). */
  changeIntervalMinute?: number;
  /** Only items whose latest change was on this date (`YYYY-MM-DD`, up to 3 months back). */
  latestChangeDate?: string;
}

/**
 * `GET /orders`.
 *
 * @example
 * ```ts
 * const page = await client.send(getOrdersRequest({ page: 1, fulfilmentMethod: 'FBR', status: 'OPEN' }));
 * ```
 */
export function getOrdersRequest(query: BolOrdersQuery = {}): BolRequest {
  return {
    operation: 'getOrders',
    method: 'GET',
    api: 'retailer',
    path: '/orders',
    query: {
      page: query.page ?? 1,
      'fulfilment-method': query.fulfilmentMethod,
      status: query.status,
      'change-interval-minute': query.changeIntervalMinute,
      'latest-change-date': query.latestChangeDate,
    },
  };
}

/**
 * `GET /orders/{order-id}`: items, prices and addresses.
 *
 * @example
 * ```ts
 * const order = await client.send(getOrderRequest('A2K8290LP8'));
 * ```
 */
export function getOrderRequest(orderId: string): BolRequest {
  return { operation: 'getOrder', method: 'GET', api: 'retailer', path: `/orders/${segment(orderId)}` };
}

/**
 * `PUT /orders/cancellation`: one order item per request (the contract allows exactly one).
 *
 * @example
 * ```ts
 * await client.send(cancelOrderItemRequest('2012345678', 'OUT_OF_STOCK'));
 * ```
 */
export function cancelOrderItemRequest(orderItemId: string, reasonCode: BolCancellationReason): BolRequest {
  return {
    operation: 'cancelOrderItem',
    method: 'PUT',
    api: 'retailer',
    path: '/orders/cancellation',
    json: { orderItems: [{ orderItemId, reasonCode }] },
  };
}

/**
 * `POST /shipments`: up to 100 order items of one order, with transport and track-and-trace.
 *
 * @example
 * ```ts
 * await client.send(createShipmentRequest({ orderItems: [{ orderItemId: '2012345678' }], transport: { transporterCode: 'TNT', trackAndTrace: '3SBOL0987654321' } }));
 * ```
 */
export function createShipmentRequest(body: BolShipmentRequest): BolRequest {
  return { operation: 'createShipment', method: 'POST', api: 'retailer', path: '/shipments', json: body };
}
