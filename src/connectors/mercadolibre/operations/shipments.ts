import { toBatchResult, type BatchResult } from '../../../core/batch.js';
import { ConflictError } from '../../../core/errors/conflict-error.js';
import type { Shipment } from '../../../model/shipment.js';
import { mapWithConcurrency } from './concurrency.js';
import { outcomeOf } from './outcomes.js';
import type { MercadoLibreRuntime } from './runtime.js';

const SHIPPED = new Set(['shipped', 'delivered']);

function serviceIdOf(runtime: MercadoLibreRuntime, carrier: string): number | undefined {
  const configured = runtime.config.carrierServiceIds[carrier];
  if (configured !== undefined) return configured;
  return /^[0-9]{1,9}$/.test(carrier) ? Number(carrier) : undefined;
}

async function confirmOne(runtime: MercadoLibreRuntime, shipment: Shipment, signal?: AbortSignal): Promise<Shipment> {
  const order = await runtime.client.getOrder(shipment.orderId, signal);
  const shipmentId = order.shipping?.id ? String(order.shipping.id) : undefined;
  if (!shipmentId) {
    throw new ConflictError(
      `Order ${shipment.orderId} has no Mercado Envíos shipment (custom shipping): MercadoLibre takes no tracking for it.`,
      { platform: 'mercadolibre', operation: 'confirmShipment' },
    );
  }
  const current = await runtime.client.getShipment(shipmentId, signal);
  const mode = current.logistic?.mode ?? current.mode;
  const shipped = () => ({ ...shipment, id: shipmentId });
  if (SHIPPED.has(current.status) && current.tracking_number === shipment.trackingNumber) return shipped();
  if (mode !== 'me1') {
    throw new ConflictError(
      `Shipment ${shipmentId} of order ${shipment.orderId} is Mercado Envíos (${mode ?? 'unknown mode'}): MercadoLibre's carrier ships it and reports tracking itself.`,
      { platform: 'mercadolibre', operation: 'confirmShipment' },
    );
  }
  if (SHIPPED.has(current.status)) {
    throw new ConflictError(`Shipment ${shipmentId} is already ${current.status} with another tracking number.`, {
      platform: 'mercadolibre',
      operation: 'confirmShipment',
    });
  }
  const serviceId = serviceIdOf(runtime, shipment.carrier);
  const tracking = { trackingNumber: shipment.trackingNumber, ...(serviceId !== undefined ? { serviceId } : {}) };
  await runtime.client.setShipmentTracking(shipmentId, tracking, signal);
  await runtime.ledger.execute({
    key: `mercadolibre:confirmShipment:${shipmentId}:${shipment.trackingNumber}`,
    operation: 'confirmShipment',
    send: (s) =>
      runtime.client.markShipmentShipped(
        shipmentId,
        {
          ...tracking,
          date: shipment.shippedAt,
          ...(shipment.trackingUrl ? { trackingUrl: shipment.trackingUrl } : {}),
          comment: `Shipped with ${shipment.carrier}`,
        },
        s,
      ),
    readBack: async (s) => {
      const now = await runtime.client.getShipment(shipmentId, s);
      return SHIPPED.has(now.status) && now.tracking_number === shipment.trackingNumber
        ? { status: 'applied', result: undefined }
        : { status: 'not_applied' };
    },
    ...(signal ? { signal } : {}),
  });
  return shipped();
}

/**
 * Confirms shipments the seller ships itself (Mercado Envíos 1): the tracking number (and the
 * carrier's `service_id`, from `carrierServiceIds` or a numeric carrier) with
 * `PUT /shipments/{id}`, then the `shipped` status with `POST .../seller_notifications`,
 * recorded in the operation ledger and settled by reading the shipment after a lost answer.
 * A shipment already shipped with the same tracking succeeds again. MercadoLibre ships whole
 * orders, so `lineItems` is refused up front. Per item: `ConflictError` (Mercado Envíos 2 or
 * custom shipping, shipped with other tracking), `NotFoundError`.
 *
 * @example
 * ```ts
 * await confirmShipments(runtime, [{ orderId: '2000003508419013', carrier: 'Correo Argentino', trackingNumber: 'OP123456789AR', shippedAt: new Date().toISOString() }]);
 * ```
 */
export async function confirmShipments(
  runtime: MercadoLibreRuntime,
  shipments: readonly Shipment[],
  signal?: AbortSignal,
): Promise<BatchResult<Shipment, Shipment>> {
  const outcomes = await mapWithConcurrency(shipments, runtime.config.concurrency, (shipment, index) =>
    outcomeOf(index, shipment, 'confirmShipment', () => confirmOne(runtime, shipment, signal), signal),
  );
  return toBatchResult(outcomes);
}
