import { ConflictError } from '../core/errors/conflict-error.js';
import { NotFoundError } from '../core/errors/not-found-error.js';
import { ValidationError } from '../core/errors/validation-error.js';
import type { CancelOrderRequest, LineItem, Order } from '../model/order.js';
import type { Shipment } from '../model/shipment.js';
import type { SimCore } from './write-context.js';

type ParsedCancel = CancelOrderRequest & { reason: string };

const open = (line: LineItem) => line.quantity - line.quantityShipped - line.quantityCancelled;

function order(sim: SimCore, id: string, operation: string): Order {
  const found = sim.state.orders.get(id);
  if (!found) throw new NotFoundError(`No order with id ${id}.`, { platform: sim.platform, operation });
  return found;
}

function settle(target: Order, now: string): void {
  const openUnits = target.lineItems.reduce((sum, line) => sum + open(line), 0);
  const shipped = target.lineItems.reduce((sum, line) => sum + line.quantityShipped, 0);
  if (openUnits > 0) target.status = shipped > 0 ? 'partially_shipped' : 'unshipped';
  else target.status = shipped > 0 ? 'shipped' : 'cancelled';
  target.updatedAt = now;
}

/**
 * Resolves which lines and how many units a shipment or cancellation covers; the whole request
 * is checked before anything moves.
 */
function plan(
  sim: SimCore,
  target: Order,
  lines: { lineItemId: string; quantity: number }[] | undefined,
  operation: string,
) {
  const wanted =
    lines ??
    target.lineItems.filter((line) => open(line) > 0).map((line) => ({ lineItemId: line.id, quantity: open(line) }));
  if (wanted.length === 0) {
    throw new ConflictError(
      `Order ${target.id} has nothing left to ${operation === 'cancelOrder' ? 'cancel' : 'ship'}.`,
      { platform: sim.platform, operation },
    );
  }
  return wanted.map((want, i) => {
    const line = target.lineItems.find((l) => l.id === want.lineItemId);
    if (!line) {
      throw new ValidationError(
        `input of ${operation}()`,
        [{ path: ['lineItems', i, 'lineItemId'], message: `Order ${target.id} has no line ${want.lineItemId}.` }],
        { platform: sim.platform, operation },
      );
    }
    if (want.quantity > open(line)) {
      throw new ValidationError(
        `input of ${operation}()`,
        [
          {
            path: ['lineItems', i, 'quantity'],
            message: `Line ${line.id} has ${open(line)} open units; ${want.quantity} requested.`,
          },
        ],
        { platform: sim.platform, operation },
      );
    }
    return { line, quantity: want.quantity };
  });
}

/** Releases `quantity` reserved units of a line, from the locations they were taken from. */
function release(sim: SimCore, orderId: string, line: LineItem, quantity: number, restock: boolean, now: string): void {
  const byLocation = sim.state.allocations.get(orderId)?.get(line.id);
  let remaining = quantity;
  for (const [locationId, units] of byLocation ?? []) {
    const take = Math.min(units, remaining);
    if (take === 0) continue;
    // A SKU deleted since the order was placed has no stock left to move.
    if (sim.state.stock.has(line.sku))
      sim.state.stock.change(line.sku, locationId, { reserved: -take, available: restock ? take : 0 }, now);
    byLocation?.set(locationId, units - take);
    remaining -= take;
  }
}

/** Marks one order as taken in by the seller. */
export function acknowledgeOrder(sim: SimCore, id: string): Order {
  const target = order(sim, id, 'acknowledgeOrders');
  target.acknowledged = true;
  target.updatedAt = sim.now();
  return structuredClone(target);
}

/** Ships units of one order: reserved stock leaves the shelves. */
export function confirmShipment(sim: SimCore, shipment: Shipment): Shipment {
  const target = order(sim, shipment.orderId, 'confirmShipment');
  if (target.status === 'cancelled') {
    throw new ConflictError(`Order ${target.id} is cancelled; it cannot ship.`, {
      platform: sim.platform,
      operation: 'confirmShipment',
    });
  }
  const lines = plan(sim, target, shipment.lineItems, 'confirmShipment');
  const now = sim.now();
  for (const { line, quantity } of lines) {
    release(sim, target.id, line, quantity, false, now);
    line.quantityShipped += quantity;
  }
  settle(target, now);
  const id = `S-${String(++sim.state.sequence.shipment).padStart(7, '0')}`;
  return {
    ...structuredClone(shipment),
    id,
    lineItems: lines.map(({ line, quantity }) => ({ lineItemId: line.id, quantity })),
  };
}

/** Cancels open units of one order: reserved stock returns to the shelves and the buyer is refunded. */
export function cancelOrder(sim: SimCore, request: ParsedCancel): Order {
  const target = order(sim, request.orderId, 'cancelOrder');
  const lines = plan(sim, target, request.lineItems, 'cancelOrder');
  const now = sim.now();
  let refund = 0;
  for (const { line, quantity } of lines) {
    release(sim, target.id, line, quantity, true, now);
    line.quantityCancelled += quantity;
    refund += line.unitPrice.amountMinor * quantity;
  }
  settle(target, now);
  if (refund > 0) sim.buyers.recordFinance('refund', -refund, target.id, now);
  return structuredClone(target);
}
