import { ConflictError } from '../core/errors/conflict-error.js';
import { NotFoundError } from '../core/errors/not-found-error.js';
import { ValidationError } from '../core/errors/validation-error.js';
import type { InventoryAdjustment, InventoryLevel, InventorySet } from '../model/inventory.js';
import type { SimCore } from './core.js';

function level(sim: SimCore, sku: string, locationId: string | undefined, operation: string): InventoryLevel {
  const location = locationId ?? sim.config.locations[0] ?? 'default';
  const found = sim.state.stock.level(sku, location);
  if (!found) {
    const what = sim.state.stock.has(sku) ? `location ${location}` : `SKU ${sku}`;
    throw new NotFoundError(`No ${what} on ${sim.platform}.`, { platform: sim.platform, operation });
  }
  return found;
}

/** How long a simulated marketplace answers a repeated idempotency key from memory. */
const KEY_TTL_MS = 86_400_000;

/** The refusal of a compare-and-set whose expected value no longer holds, or undefined. */
function stale(sim: SimCore, update: InventorySet, current: { locationId: string; version: number; available: number }): ConflictError | undefined {
  const detail = { platform: sim.platform, operation: 'setInventory' };
  if (update.expectedVersion !== undefined && update.expectedVersion !== current.version) {
    return new ConflictError(`Stock of ${update.sku} at ${current.locationId} changed (version ${current.version}, expected ${update.expectedVersion}); re-read it and decide again.`, detail);
  }
  if (update.expectedAvailable !== undefined && update.expectedAvailable !== current.available) {
    return new ConflictError(`Stock of ${update.sku} at ${current.locationId} is ${current.available}, not the expected ${update.expectedAvailable}; re-read it and decide again.`, detail);
  }
  return undefined;
}

/**
 * Sets `available` of one SKU at one location; compare-and-set when expected values are given.
 * Sent again with the same idempotency key, the latest keyed write of a level answers as it
 * first did (the level it left, or the same refusal) without writing again, for 24 hours.
 */
export function setInventoryLevel(sim: SimCore, update: InventorySet): InventoryLevel {
  const current = level(sim, update.sku, update.locationId, 'setInventory');
  const { stock } = sim.state;
  const key = update.idempotencyKey;
  const now = sim.clock.now();
  const replay = key === undefined ? undefined : stock.recall(current.sku, current.locationId, key, now, KEY_TTL_MS);
  if (replay?.kind === 'applied') return replay.level;
  if (replay?.kind === 'refused') throw stale(sim, update, { locationId: current.locationId, ...replay }) ?? new ConflictError(`Stock of ${update.sku} changed; re-read it and decide again.`, { platform: sim.platform, operation: 'setInventory' });
  const refusal = stale(sim, update, current);
  if (refusal) {
    if (key !== undefined) stock.remember(current.sku, current.locationId, key, now, 'refused');
    throw refusal;
  }
  const result = stock.change(current.sku, current.locationId, { available: update.quantity - current.available }, sim.now());
  if (key !== undefined) stock.remember(current.sku, current.locationId, key, now, 'applied');
  return result;
}

/** Adds `delta` to `available` of one SKU; a repeated idempotency key applies once. */
export function adjustInventoryLevel(sim: SimCore, adjustment: InventoryAdjustment): InventoryLevel {
  const key = adjustment.idempotencyKey;
  const replay = key === undefined ? undefined : sim.state.idempotency.get(key, sim.clock.now());
  if (replay) return { ...replay };
  const current = level(sim, adjustment.sku, adjustment.locationId, 'adjustInventory');
  if (current.available + adjustment.delta < 0) {
    throw new ValidationError('input of adjustInventory()', [
      { path: ['delta'], message: `Only ${current.available} of ${adjustment.sku} available at ${current.locationId}; cannot subtract ${-adjustment.delta}.` },
    ], { platform: sim.platform, operation: 'adjustInventory' });
  }
  const result = sim.state.stock.change(current.sku, current.locationId, { available: adjustment.delta }, sim.now());
  if (key !== undefined) sim.state.idempotency.set(key, result, sim.clock.now());
  return result;
}
