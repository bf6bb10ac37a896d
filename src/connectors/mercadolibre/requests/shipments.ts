import { checkId } from './ids.js';
import type { MercadoLibreRequest } from './types.js';

/**
 * `GET /shipments/{id}` in the new format (`x-format-new: true`, which MercadoLibre requires).
 *
 * @example
 * ```ts
 * getShipmentRequest('28264263908');
 * ```
 */
export function getShipmentRequest(shipmentId: string): MercadoLibreRequest {
  return {
    operation: 'getShipment',
    method: 'GET',
    path: `/shipments/${checkId('numeric', shipmentId, 'shipmentId')}`,
    headers: { 'x-format-new': 'true' },
  };
}

/**
 * `PUT /shipments/{id}`: informs the tracking number of a shipment the seller ships (ME1),
 * before its status is changed. Absolute, so a resend is harmless.
 *
 * @example
 * ```ts
 * shipmentTrackingRequest('28264263908', { trackingNumber: 'OP123456789BR', serviceId: 11 });
 * ```
 */
export function shipmentTrackingRequest(
  shipmentId: string,
  input: { trackingNumber: string; serviceId?: number },
): MercadoLibreRequest {
  return {
    operation: 'updateShipment',
    method: 'PUT',
    path: `/shipments/${checkId('numeric', shipmentId, 'shipmentId')}`,
    json: {
      tracking_number: input.trackingNumber,
      ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
    },
  };
}

/**
 * `POST /shipments/{id}/seller_notifications` with `status: shipped`: marks an ME1 shipment
 * dispatched. Not idempotent by itself: the connector records it in the operation ledger and
 * reads the shipment back after a lost answer.
 *
 * @example
 * ```ts
 * shipmentShippedRequest('28264263908', { trackingNumber: 'OP123', date: '2026-01-16T13:03:51.175Z', serviceId: 154 });
 * ```
 */
export function shipmentShippedRequest(
  shipmentId: string,
  input: { trackingNumber: string; trackingUrl?: string; date: string; serviceId?: number; comment?: string },
): MercadoLibreRequest {
  return {
    operation: 'notifyShipment',
    method: 'POST',
    path: `/shipments/${checkId('numeric', shipmentId, 'shipmentId')}/seller_notifications`,
    json: {
      payload: {
        ...(input.serviceId !== undefined ? { service_id: input.serviceId } : {}),
        comment: input.comment ?? 'shipped',
        date: input.date,
      },
      tracking_number: input.trackingNumber,
      ...(input.trackingUrl ? { tracking_url: input.trackingUrl } : {}),
      status: 'shipped',
      substatus: 'null',
    },
  };
}
