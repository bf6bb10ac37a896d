import type { MercadoLibreOrder } from '../types/index.js';
import { settleItem, stamp, type SimRequest } from './context.js';
import { json, mlError } from './responses.js';

const HIDDEN = new Set(['cancelled', 'invalid']);
const REASONS = new Set([
  'OUT_OF_STOCK',
  'SELLER_REGRETS',
  'BUYER_REGRETS',
  'BUYER_DID_NOT_ANSWER',
  'BUYER_NOT_ENOUGH_MONEY',
  'THEY_NOT_HONORED_POLICIES',
]);

/**
 * `GET /orders/search?seller=...`: a seller's search leaves out cancelled orders unless
 * `order.status` asks for them; `order.date_last_updated.from`, `sort`, `offset` and `limit`
 * (at most 51).
 */
export function searchOrders(sim: SimRequest): Response {
  const query = sim.url.searchParams;
  if (Number(query.get('seller')) !== sim.seller.id)
    return mlError(403, 'forbidden', 'The caller can only search its own orders.');
  const limit = Number(query.get('limit') ?? 50);
  const offset = Number(query.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 51 || !Number.isInteger(offset) || offset < 0)
    return mlError(400, 'bad_request', 'Invalid paging: limit 1..51, offset ≥ 0');
  const statuses = query.get('order.status')?.split(',');
  const fromText = query.get('order.date_last_updated.from');
  const from = fromText === null ? undefined : Date.parse(fromText);
  if (from !== undefined && Number.isNaN(from))
    return mlError(400, 'bad_request', 'order.date_last_updated.from is not a date');
  const sort = query.get('sort') ?? 'date_asc';
  const matching = [...sim.state.orders.values()]
    .filter((order) => order.seller?.id === sim.seller.id)
    .filter((order) => (statuses ? statuses.includes(order.status) : !HIDDEN.has(order.status)))
    .filter((order) => from === undefined || Date.parse(order.last_updated) >= from)
    .sort((a, b) => (Date.parse(a.date_created) - Date.parse(b.date_created)) * (sort === 'date_desc' ? -1 : 1));
  return json({
    query: null,
    results: matching.slice(offset, offset + limit),
    sort: { id: sort, name: sort },
    paging: { total: matching.length, offset, limit },
  });
}

/** `GET /orders/{id}`. */
export function getOrder(sim: SimRequest): Response {
  const order = sim.state.orders.get(Number(sim.params[0]));
  if (!order || order.seller?.id !== sim.seller.id)
    return mlError(404, 'not_found', `Order ${sim.params[0]} not found`);
  return json(order);
}

function shippingMode(sim: SimRequest, order: MercadoLibreOrder): string | undefined {
  const shipment = order.shipping?.id ? sim.state.shipments.get(order.shipping.id) : undefined;
  return shipment?.logistic?.mode ?? shipment?.mode;
}

/**
 * `POST /orders/{id}/feedback`: `fulfilled`, `rating`, a message under 160 characters, and
 * with `fulfilled: false` a seller's reason; a sale that did not happen is cancelled (stock
 * restored with `restock_item`). Mercado Envíos 2 sales cannot be cancelled this way.
 */
export function postFeedback(sim: SimRequest): Response {
  const order = sim.state.orders.get(Number(sim.params[0]));
  if (!order || order.seller?.id !== sim.seller.id)
    return mlError(404, 'not_found', `Order ${sim.params[0]} not found`);
  const body = (sim.body ?? {}) as Record<string, unknown>;
  const causes = [];
  if (typeof body.fulfilled !== 'boolean')
    causes.push({ code: 'feedback.fulfilled.required', message: 'fulfilled is required', references: ['fulfilled'] });
  if (typeof body.message !== 'string' || body.message.length === 0 || body.message.length > 160)
    causes.push({
      code: 'feedback.message.invalid',
      message: 'message is required (under 160 characters)',
      references: ['message'],
    });
  if (!['positive', 'neutral', 'negative'].includes(String(body.rating)))
    causes.push({
      code: 'feedback.rating.invalid',
      message: 'rating must be positive, neutral or negative',
      references: ['rating'],
    });
  if (body.fulfilled === false && !REASONS.has(String(body.reason)))
    causes.push({
      code: 'feedback.reason.invalid',
      message: 'reason is required when fulfilled is false',
      references: ['reason'],
    });
  if (causes.length > 0)
    return mlError(
      400,
      'validation_error',
      'Validation error',
      causes.map((cause) => ({ ...cause, type: 'error' })),
    );
  if (sim.state.feedback.has(order.id))
    return mlError(400, 'bad_request', 'The seller already left feedback for this order.');
  if (body.fulfilled === false) {
    if (shippingMode(sim, order) === 'me2')
      return mlError(400, 'bad_request', 'Orders shipped with Mercado Envíos 2 cannot be cancelled by the seller.');
    order.status = 'cancelled';
    order.last_updated = stamp(sim.clock);
    if (body.restock_item === true) {
      for (const line of order.order_items) {
        const item = sim.state.items.get(line.item.id);
        if (!item) continue;
        const variation = item.variations?.find((candidate) => candidate.id === line.item.variation_id);
        if (variation) variation.available_quantity += line.quantity;
        else item.available_quantity += line.quantity;
        settleItem(item, sim.clock);
      }
    }
    sim.changed('orders_v2', `/orders/${order.id}`);
  }
  sim.state.feedback.set(order.id, body);
  return json({ id: order.id, fulfilled: body.fulfilled, rating: body.rating, status: 'active' }, 201);
}
