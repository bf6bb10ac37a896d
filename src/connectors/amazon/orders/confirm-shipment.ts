import type { ItemOutcome } from '../../../core/batch.js';
import type { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { Shipment } from '../../../model/shipment.js';
import type { SpApiClient } from '../client.js';
import { fillPath, type SpApiRequest } from '../requests/types.js';
import type { AmazonOrdersApi } from './orders-api.js';

/**
 * A shipment confirmation as `confirmShipment` takes it.
 */
export interface ShipmentConfirmationInput {
  orderId: string;
  marketplaceId: string;
  packageReferenceId: string;
  carrierCode: string;
  trackingNumber: string;
  shipDate: string;
  shippingMethod?: string;
  orderItems: readonly { orderItemId: string; quantity: number }[];
}

/**
 * `confirmShipment` (Orders v0): confirms a merchant-fulfilled package with tracking. Every
 * Orders generation confirms shipments with it, as 2026-01-01 has no write operations.
 *
 * @example
 * ```ts
 * confirmShipmentRequest(confirmation);
 * ```
 */
export function confirmShipmentRequest(input: ShipmentConfirmationInput): SpApiRequest {
  return {
    operation: 'confirmShipment',
    method: 'POST',
    path: fillPath('/orders/v0/orders/{orderId}/shipmentConfirmation', { orderId: input.orderId }),
    json: {
      packageDetail: {
        packageReferenceId: input.packageReferenceId,
        carrierCode: input.carrierCode,
        trackingNumber: input.trackingNumber,
        shipDate: input.shipDate,
        ...(input.shippingMethod ? { shippingMethod: input.shippingMethod } : {}),
        orderItems: input.orderItems.map((item) => ({ orderItemId: item.orderItemId, quantity: item.quantity })),
      },
      marketplaceId: input.marketplaceId,
    },
  };
}

/**
 * Confirms each shipment with `confirmShipment`; a shipment without lines confirms every unit
 * the orders generation in use reports unshipped.
 *
 * @example
 * ```ts
 * const outcomes = await confirmShipments(client, shipments, amazon.orders);
 * ```
 */
export async function confirmShipments(
  client: SpApiClient,
  shipments: readonly Shipment[],
  orders: Pick<AmazonOrdersApi, 'unshippedLines'>,
  signal?: AbortSignal,
): Promise<ItemOutcome<Shipment, Shipment>[]> {
  const outcomes: ItemOutcome<Shipment, Shipment>[] = [];
  for (const [index, shipment] of shipments.entries()) {
    try {
      const lines = shipment.lineItems ?? (await orders.unshippedLines(shipment.orderId, signal));
      await client.send(
        confirmShipmentRequest({
          orderId: shipment.orderId,
          marketplaceId: client.marketplaceId,
          packageReferenceId: shipment.id ?? `${shipment.orderId}-${shipment.trackingNumber}`.slice(0, 40),
          carrierCode: shipment.carrier,
          trackingNumber: shipment.trackingNumber,
          shipDate: shipment.shippedAt,
          orderItems: lines.map((line) => ({ orderItemId: line.lineItemId, quantity: line.quantity })),
        }),
        signal ? { signal } : {},
      );
      outcomes.push({ index, input: shipment, ok: true, value: shipment });
    } catch (error) {
      outcomes.push({ index, input: shipment, ok: false, error: error as MarketplaceApiError });
    }
  }
  return outcomes;
}
