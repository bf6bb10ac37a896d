import type { ItemOutcome } from '../../../core/batch.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import type { CancelOrderRequest, Order } from '../../../model/order.js';
import type { Shipment } from '../../../model/shipment.js';
import { asMarketbridgeError } from '../errors.js';
import { cancellationReason, BOL_CANCELLATION_REASONS } from '../mapper/cancellation-reasons.js';
import { transporterCode } from '../mapper/carriers.js';
import { orderStatusOf } from '../mapper/order.js';
import { getBolOrder } from '../operations/orders.js';
import { readBackByEntity } from '../process-status/read-back.js';
import { cancelOrderItemRequest, createShipmentRequest } from '../requests/orders.js';
import type { BolRuntime } from '../runtime.js';
import type { BolOrder } from '../types.js';
import { writeKey, type BolWriteOptions } from './by-sku.js';
import { executeWrites, type BolWrite } from './execute.js';

/**
 * The most order items one `POST /shipments` takes.
 *
 * @example
 * ```ts
 * shipment.lineItems.length <= BOL_SHIPMENT_MAX_ITEMS;
 * ```
 *
 * @category Operations
 */
export const BOL_SHIPMENT_MAX_ITEMS = 100;

const open = (item: BolOrder['orderItems'][number]) => item.quantity - item.quantityShipped - item.quantityCancelled;

function refused(operation: string, index: number, issues: ValidationIssue[]) {
  return new ValidationError(
    `${operation} item ${index} for bol.com`,
    issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })),
    { platform: 'bol', operation },
  );
}

/**
 * Ships order items: one `POST /shipments` per canonical shipment (the order's open items when
 * it names none), with the carrier as bol.com's transporter code and the tracking number as
 * track-and-trace, confirmed by its process status. Refused per item before sending: more than
 * 100 items, an item not in the order or shipping more than is open, an order with nothing
 * open. Under a key, a shipment whose answer was lost is read back from the process statuses of
 * its first order item.
 *
 * @example
 * ```ts
 * const outcomes = await shipOrderItems(runtime, [{ orderId, carrier: 'PostNL', trackingNumber: '3SBOL0987654321', shippedAt }], {});
 * ```
 */
export async function shipOrderItems(
  runtime: BolRuntime,
  shipments: readonly Shipment[],
  options: BolWriteOptions,
): Promise<ItemOutcome<Shipment, Shipment>[]> {
  const outcomes: ItemOutcome<Shipment, Shipment>[] = [];
  const writes: BolWrite[] = [];
  for (const [index, shipment] of shipments.entries()) {
    let items: { orderItemId: string; quantity?: number }[];
    try {
      const { raw } = await getBolOrder(runtime, shipment.orderId, options.signal);
      const known = new Map(raw.orderItems.map((item) => [item.orderItemId, item]));
      const issues: ValidationIssue[] = [];
      if (shipment.lineItems) {
        shipment.lineItems.forEach((line, lineIndex) => {
          const item = known.get(line.lineItemId);
          if (!item)
            issues.push({
              path: ['lineItems', lineIndex, 'lineItemId'],
              message: `Order ${shipment.orderId} has no item ${line.lineItemId}.`,
            });
          else if (line.quantity > open(item))
            issues.push({
              path: ['lineItems', lineIndex, 'quantity'],
              message: `Item ${line.lineItemId} has ${open(item)} unit(s) open; cannot ship ${line.quantity}.`,
            });
        });
        items = shipment.lineItems.map((line) => ({ orderItemId: line.lineItemId, quantity: line.quantity }));
      } else {
        items = raw.orderItems.filter((item) => open(item) > 0).map((item) => ({ orderItemId: item.orderItemId }));
        if (items.length === 0)
          issues.push({ path: ['orderId'], message: `Order ${shipment.orderId} has nothing left to ship.` });
      }
      if (items.length > BOL_SHIPMENT_MAX_ITEMS)
        issues.push({
          path: ['lineItems'],
          message: `bol.com ships at most ${BOL_SHIPMENT_MAX_ITEMS} order items at once; split the shipment.`,
        });
      if (issues.length > 0) {
        outcomes.push({ index, input: shipment, ok: false, error: refused('confirmShipment', index, issues) });
        continue;
      }
    } catch (error) {
      options.signal?.throwIfAborted();
      outcomes.push({ index, input: shipment, ok: false, error: asMarketbridgeError(error, 'confirmShipment') });
      continue;
    }
    const key = writeKey('shipment', index, options);
    const first = items[0]!.orderItemId;
    writes.push({
      index,
      request: createShipmentRequest({
        orderItems: items,
        transport: {
          transporterCode: transporterCode(shipment.carrier, runtime.config.transporterCodes),
          trackAndTrace: shipment.trackingNumber,
        },
      }),
      ...(key ? { key } : {}),
      readBack: (since, fingerprint, signal) =>
        readBackByEntity(runtime.client, first, 'CREATE_SHIPMENT', since, fingerprint, signal),
    });
  }
  for (const outcome of await executeWrites(runtime, writes, options.signal ? { signal: options.signal } : {})) {
    const input = shipments[outcome.index]!;
    outcomes.push(
      outcome.ok
        ? { index: outcome.index, input, ok: true, value: input }
        : { index: outcome.index, input, ok: false, error: outcome.error },
    );
  }
  return outcomes;
}

/**
 * Cancels order items: one `PUT /orders/cancellation` per order item (bol.com takes exactly
 * one, and always cancels its whole open quantity), with the reason as bol.com's code. Refused
 * per request before sending: an unknown reason, a line that is not in the order, a quantity
 * other than the line's open quantity, an order with nothing open. The request succeeds when
 * every item's process status does; the value is the order as it then stands.
 *
 * @example
 * ```ts
 * const outcomes = await cancelOrderItems(runtime, [{ orderId: 'A2K8290LP8', reason: 'out_of_stock' }], {});
 * ```
 */
export async function cancelOrderItems(
  runtime: BolRuntime,
  requests: readonly CancelOrderRequest[],
  options: BolWriteOptions,
): Promise<ItemOutcome<CancelOrderRequest, Order>[]> {
  const outcomes: ItemOutcome<CancelOrderRequest, Order>[] = [];
  const writes: BolWrite[] = [];
  const owner = new Map<number, number>();
  const orders = new Map<number, { order: Order; items: string[] }>();
  for (const [index, request] of requests.entries()) {
    const reason = cancellationReason(request.reason ?? 'seller_cancelled');
    try {
      const { raw, order } = await getBolOrder(runtime, request.orderId, options.signal);
      const known = new Map(raw.orderItems.map((item) => [item.orderItemId, item]));
      const issues: ValidationIssue[] = [];
      if (!reason)
        issues.push({
          path: ['reason'],
          message: `Unknown reason ${request.reason}; use one of ${BOL_CANCELLATION_REASONS.join(', ')} (or out_of_stock, buyer_request, damaged, pricing_error, duplicate, seller_cancelled).`,
        });
      let ids: string[];
      if (request.lineItems) {
        request.lineItems.forEach((line, lineIndex) => {
          const item = known.get(line.lineItemId);
          if (!item)
            issues.push({
              path: ['lineItems', lineIndex, 'lineItemId'],
              message: `Order ${request.orderId} has no item ${line.lineItemId}.`,
            });
          else if (line.quantity !== open(item))
            issues.push({
              path: ['lineItems', lineIndex, 'quantity'],
              message: `bol.com cancels an order item's whole open quantity (${open(item)}); got ${line.quantity}.`,
            });
        });
        ids = request.lineItems.map((line) => line.lineItemId);
      } else {
        ids = raw.orderItems.filter((item) => open(item) > 0).map((item) => item.orderItemId);
        if (ids.length === 0)
          issues.push({ path: ['orderId'], message: `Order ${request.orderId} has nothing left to cancel.` });
      }
      if (issues.length > 0 || !reason) {
        outcomes.push({ index, input: request, ok: false, error: refused('cancelOrder', index, issues) });
        continue;
      }
      orders.set(index, { order, items: ids });
      for (const [itemIndex, orderItemId] of ids.entries()) {
        const writeIndex = writes.length;
        const key = writeKey('cancel', index, options, undefined);
        owner.set(writeIndex, index);
        writes.push({
          index: writeIndex,
          request: cancelOrderItemRequest(orderItemId, reason),
          ...(key ? { key: `${key}:${itemIndex}` } : {}),
          readBack: (since, fingerprint, signal) =>
            readBackByEntity(runtime.client, orderItemId, 'CANCEL_ORDER', since, fingerprint, signal),
        });
      }
    } catch (error) {
      options.signal?.throwIfAborted();
      outcomes.push({ index, input: request, ok: false, error: asMarketbridgeError(error, 'cancelOrder') });
    }
  }
  const failures = new Map<number, ItemOutcome<CancelOrderRequest, Order>>();
  for (const outcome of await executeWrites(runtime, writes, options.signal ? { signal: options.signal } : {})) {
    const index = owner.get(outcome.index)!;
    if (!outcome.ok && !failures.has(index))
      failures.set(index, { index, input: requests[index]!, ok: false, error: outcome.error });
  }
  for (const [index, { order, items }] of orders) {
    const failed = failures.get(index);
    if (failed) {
      outcomes.push(failed);
      continue;
    }
    const cancelled = new Set(items);
    const lineItems = order.lineItems.map((line) =>
      cancelled.has(line.id) ? { ...line, quantityCancelled: line.quantity - line.quantityShipped } : line,
    );
    outcomes.push({
      index,
      input: requests[index]!,
      ok: true,
      value: {
        ...order,
        lineItems,
        status: orderStatusOf(lineItems),
        updatedAt: new Date(runtime.context.clock.now()).toISOString(),
      },
    });
  }
  return outcomes;
}
