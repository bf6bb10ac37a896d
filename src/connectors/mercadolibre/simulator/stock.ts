import type { MercadoLibreItem } from '../types/index.js';
import { settleItem, type SimRequest } from './context.js';
import { json, mlError } from './responses.js';
import type { SimUserProduct } from './state.js';

const body = (up: SimUserProduct) => ({
  id: up.id,
  user_id: up.userId,
  locations: up.locations.map((location) => ({ ...location })),
});

/** Items (or variations) of a user product take its total stock, as MercadoLibre shows it. */
function syncItems(sim: SimRequest, up: SimUserProduct): void {
  const total = up.locations.reduce((sum, location) => sum + location.quantity, 0);
  for (const item of sim.state.items.values()) {
    let touched = false;
    if (item.user_product_id === up.id) {
      item.available_quantity = total;
      touched = true;
    }
    for (const variation of item.variations ?? []) {
      if (variation.user_product_id === up.id) {
        variation.available_quantity = total;
        touched = true;
      }
    }
    if (touched) settle(sim, item);
  }
}

function settle(sim: SimRequest, item: MercadoLibreItem): void {
  settleItem(item, sim.clock);
  sim.changed('items', `/items/${item.id}`);
}

/** `GET /user-products/{id}/stock`, with its version in `x-version`. */
export function getStock(sim: SimRequest): Response {
  const up = sim.state.userProducts.get(sim.params[0]!);
  if (!up || up.userId !== sim.seller.id) return mlError(404, 'not_found', `User product ${sim.params[0]} not found`);
  return json(body(up), 200, { 'x-version': String(up.version) });
}

/**
 * `PUT /user-products/{id}/stock/type/{type}`: needs the current `x-version` (400 without,
 * 409 when stale); `seller_warehouse` takes the listed stores' quantities (others unchanged),
 * `selling_address` its quantity; Full (`meli_facility`) cannot be written.
 */
export function putStock(sim: SimRequest): Response {
  const up = sim.state.userProducts.get(sim.params[0]!);
  const type = sim.params[1];
  if (!up || up.userId !== sim.seller.id) return mlError(404, 'not_found', `User product ${sim.params[0]} not found`);
  const version = sim.request.headers.get('x-version');
  if (version === null) return mlError(400, 'bad_request', 'Missing X-Version header');
  if (Number(version) !== up.version) return mlError(409, 'conflict', 'Version mismatch');
  const input = (sim.body ?? {}) as { locations?: { store_id?: unknown; quantity?: unknown }[]; quantity?: unknown };
  const wholeUnits = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
  if (type === 'seller_warehouse') {
    if (!Array.isArray(input.locations) || input.locations.length === 0)
      return mlError(400, 'bad_request', 'store cannot be null or empty');
    const updates: [number, number][] = [];
    for (const entry of input.locations) {
      const index = up.locations.findIndex(
        (location) => location.type === 'seller_warehouse' && location.store_id === String(entry.store_id),
      );
      if (index < 0) return mlError(400, 'bad_request', `store not found: ${String(entry.store_id)}`);
      if (!wholeUnits(entry.quantity)) return mlError(400, 'bad_request', 'quantity must be a whole number ≥ 0');
      updates.push([index, entry.quantity]);
    }
    for (const [index, quantity] of updates) up.locations[index]!.quantity = quantity;
  } else if (type === 'selling_address') {
    const location = up.locations.find((candidate) => candidate.type === 'selling_address');
    if (!location) return mlError(400, 'bad_request', 'The user product has no selling_address stock');
    if (!wholeUnits(input.quantity)) return mlError(400, 'bad_request', 'quantity must be a whole number ≥ 0');
    location.quantity = input.quantity;
  } else {
    return mlError(400, 'bad_request', `Stock of type ${type} cannot be written`);
  }
  up.version++;
  syncItems(sim, up);
  return json(body(up), 200, { 'x-version': String(up.version) });
}
