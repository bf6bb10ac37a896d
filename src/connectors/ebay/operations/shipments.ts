import { toBatchResult, type BatchResult, type ItemOutcome } from '../../../core/batch.js';
import { ConflictError } from '../../../core/errors/conflict-error.js';
import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { ValidationError } from '../../../core/errors/validation-error.js';
import type { Shipment } from '../../../model/shipment.js';
import { eachConcurrently } from '../batches.js';
import {
  createShippingFulfillmentRequest,
  getOrderRequest,
  getShippingFulfillmentsRequest,
} from '../requests/fulfillment.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayOrder, EbayShippingFulfillment } from '../types.js';

function fulfillmentIdOf(location: string | null): string | undefined {
  const match = location ? /\/shipping_fulfillment\/([^/?#]+)/.exec(location) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

function linesToShip(order: EbayOrder, shipment: Shipment): { lineItemId: string; quantity: number }[] {
  const lines = order.lineItems ?? [];
  if (!shipment.lineItems) {
    const open = lines.filter((line) => line.lineItemId && line.lineItemFulfillmentStatus !== 'FULFILLED');
    if (open.length === 0)
      throw new ConflictError(`Every line of eBay order ${shipment.orderId} is already shipped.`, {
        platform: 'ebay',
        operation: 'confirmShipment',
      });
    return open.map((line) => ({ lineItemId: line.lineItemId!, quantity: line.quantity ?? 1 }));
  }
  const issues = shipment.lineItems.flatMap((wanted, index) => {
    const line = lines.find((candidate) => candidate.lineItemId === wanted.lineItemId);
    if (!line)
      return [
        {
          path: ['lineItems', index, 'lineItemId'],
          message: `eBay order ${shipment.orderId} has no line ${wanted.lineItemId}.`,
        },
      ];
    // eBay ships a line item whole: all of its units go in one package.
    if (wanted.quantity !== (line.quantity ?? 1))
      return [
        {
          path: ['lineItems', index, 'quantity'],
          message: `eBay ships a line whole; line ${wanted.lineItemId} has ${line.quantity ?? 1} units, not ${wanted.quantity}.`,
        },
      ];
    return [];
  });
  if (issues.length > 0)
    throw new ValidationError(`shipment of eBay order ${shipment.orderId}`, issues, {
      platform: 'ebay',
      operation: 'confirmShipment',
    });
  return shipment.lineItems.map((line) => ({ lineItemId: line.lineItemId, quantity: line.quantity }));
}

async function confirmOne(rt: EbayRuntime, shipment: Shipment, signal?: AbortSignal): Promise<Shipment> {
  const key = `ebay:shipment:${encodeURIComponent(rt.context.tenantId)}:${encodeURIComponent(shipment.orderId)}:${encodeURIComponent(shipment.trackingNumber)}`;
  // A shipment confirmed before (same order and tracking number) is answered from the ledger.
  const done = await rt.ledger.get<string>(key);
  if (done?.status === 'done') return { ...shipment, ...(done.result ? { id: done.result } : {}) };
  const order = await rt.client.send<EbayOrder>(getOrderRequest(shipment.orderId), signal);
  const lineItems = linesToShip(order, shipment);
  const body = {
    lineItems,
    shippedDate: new Date(shipment.shippedAt).toISOString(),
    shippingCarrierCode: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
  };
  const fulfillmentId = await rt.ledger.execute<string>({
    key,
    operation: 'confirmShipment',
    send: async (sendSignal) => {
      const response = await rt.client.request(
        createShippingFulfillmentRequest(shipment.orderId, body),
        sendSignal ?? signal,
      );
      return fulfillmentIdOf(response.headers.get('location')) ?? '';
    },
    readBack: async (readSignal) => {
      const page = await rt.client.send<{ fulfillments?: EbayShippingFulfillment[] }>(
        getShippingFulfillmentsRequest(shipment.orderId),
        readSignal ?? signal,
      );
      const found = (page?.fulfillments ?? []).find(
        (fulfillment) => fulfillment.shipmentTrackingNumber === shipment.trackingNumber,
      );
      return found ? { status: 'applied', result: found.fulfillmentId ?? '' } : { status: 'not_applied' };
    },
    ...(signal ? { signal } : {}),
  });
  return { ...shipment, lineItems, ...(fulfillmentId ? { id: fulfillmentId } : {}) };
}

/**
 * Confirms shipments with tracking: one `createShippingFulfillment` per shipment (a package)
 * for the lines given, or every line not yet shipped. eBay ships a line whole, so a quantity
 * different from the line's fails that shipment with a `ValidationError`; an order with
 * nothing left to ship fails with a `ConflictError`. The call is not idempotent: it goes
 * through the operation ledger under the order and tracking number, and a lost answer is
 * resolved by reading the order's fulfillments, so a retry never ships a package twice.
 *
 * @example
 * ```ts
 * await confirmShipments(runtime, [{ orderId: '12-03456-78901', carrier: 'USPS', trackingNumber: '9400100000000000000000', shippedAt: new Date().toISOString() }]);
 * ```
 */
export async function confirmShipments(
  rt: EbayRuntime,
  shipments: readonly Shipment[],
  signal?: AbortSignal,
): Promise<BatchResult<Shipment, Shipment>> {
  const outcomes = await eachConcurrently(
    shipments,
    rt.config.concurrency,
    async (shipment, index): Promise<ItemOutcome<Shipment, Shipment>> => {
      try {
        return { index, input: shipment, ok: true, value: await confirmOne(rt, shipment, signal) };
      } catch (error) {
        if (!isMarketbridgeError(error)) throw error;
        return { index, input: shipment, ok: false, error };
      }
    },
  );
  return toBatchResult(outcomes);
}
