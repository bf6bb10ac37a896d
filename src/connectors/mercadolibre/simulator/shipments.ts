import type { MercadoLibreShipment } from '../types/index.js';
import { stamp, type SimRequest } from './context.js';
import { json, mlError } from './responses.js';

function owned(sim: SimRequest): MercadoLibreShipment | undefined {
  const shipment = sim.state.shipments.get(Number(sim.params[0]));
  const order = shipment?.order_id ? sim.state.orders.get(shipment.order_id) : undefined;
  return shipment && order?.seller?.id === sim.seller.id ? shipment : undefined;
}

const modeOf = (shipment: MercadoLibreShipment) => shipment.logistic?.mode ?? shipment.mode;

/** `GET /shipments/{id}`: the new format with `x-format-new: true`, the old one (`mode` on top) without. */
export function getShipment(sim: SimRequest): Response {
  const shipment = owned(sim);
  if (!shipment) return mlError(404, 'not_found', `Shipment ${sim.params[0]} not found`);
  if (sim.request.headers.get('x-format-new') === 'true') return json(shipment);
  const { logistic, ...rest } = shipment;
  return json({ ...rest, mode: logistic?.mode, logistic_type: logistic?.type });
}

/** `PUT /shipments/{id}`: the tracking number (and service id) of a shipment the seller ships (ME1). */
export function putShipment(sim: SimRequest): Response {
  const shipment = owned(sim);
  if (!shipment) return mlError(404, 'not_found', `Shipment ${sim.params[0]} not found`);
  if (modeOf(shipment) !== 'me1')
    return mlError(400, 'bad_request', 'Only shipments the seller ships (me1) take a tracking number.');
  const body = (sim.body ?? {}) as { tracking_number?: unknown; service_id?: unknown };
  if (typeof body.tracking_number !== 'string' || body.tracking_number === '')
    return mlError(400, 'bad_request', 'tracking_number is required');
  shipment.tracking_number = body.tracking_number;
  if (typeof body.service_id === 'number') shipment.service_id = body.service_id;
  shipment.last_updated = stamp(sim.clock);
  return json(shipment);
}

/** `POST /shipments/{id}/seller_notifications`: `status: shipped` once the tracking number is known. */
export function postSellerNotification(sim: SimRequest): Response {
  const shipment = owned(sim);
  if (!shipment) return mlError(404, 'not_found', `Shipment ${sim.params[0]} not found`);
  if (modeOf(shipment) !== 'me1')
    return mlError(400, 'bad_request', 'Only shipments the seller ships (me1) take seller notifications.');
  const body = (sim.body ?? {}) as { status?: unknown; tracking_number?: unknown; payload?: { date?: unknown } };
  if (body.status !== 'shipped' && body.status !== 'delivered' && body.status !== 'not_delivered')
    return mlError(400, 'bad_request', 'status must be shipped, delivered or not_delivered');
  const tracking = typeof body.tracking_number === 'string' ? body.tracking_number : shipment.tracking_number;
  if (!tracking) return mlError(400, 'bad_request', 'Inform the tracking number first (PUT /shipments/{id}).');
  if (
    body.status === 'shipped' &&
    shipment.status !== 'ready_to_ship' &&
    shipment.status !== 'handling' &&
    shipment.status !== 'pending'
  )
    return mlError(400, 'bad_request', `The shipment is already ${shipment.status}.`);
  if (typeof body.payload?.date !== 'string' || Number.isNaN(Date.parse(body.payload.date)))
    return mlError(400, 'bad_request', 'payload.date is required');
  shipment.status = String(body.status);
  shipment.substatus = null;
  shipment.tracking_number = tracking;
  shipment.last_updated = stamp(sim.clock);
  const order = shipment.order_id ? sim.state.orders.get(shipment.order_id) : undefined;
  if (order) {
    order.tags = [...new Set([...(order.tags ?? []), String(body.status)])];
    order.last_updated = stamp(sim.clock);
    sim.changed('orders_v2', `/orders/${order.id}`);
  }
  sim.changed('shipments', `/shipments/${shipment.id}`);
  return json({ status: 'OK' });
}
