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

/**
 * Sets `available` of one SKU at one location; compare-and-set when expected values are given.
 * A repeated idempotency key returns the first outcome: the level it produced, or the same
 * refusal, without writing again.
 */
export function setInventoryLevel(sim: SimCore, update: InventorySet): InventoryLevel {
  const key = update.idempotencyKey === undefined ? undefined : `set\u0000${update.idempotencyKey}`;
  const replay = key === undefined ? undefined : sim.state.idempotency.get(key);
  if (replay instanceof Error) throw replay;
  if (replay) return { ...replay };
  try {
    const result = applySet(sim, update);
    if (key !== undefined) sim.state.idempotency.set(key, result);
    return { ...result };
  } catch (error) {
    if (key !== undefined && error instanceof ConflictError) sim.state.idempotency.set(key, error);
    throw error;
  }
}

function applySet(sim: SimCore, update: InventorySet): InventoryLevel {
  const current = level(sim, update.sku, update.locationId, 'setInventory');
  if (update.expectedVersion !== undefined && update.expectedVersion !== current.version) {
    throw new ConflictError(
      `Stock of ${update.sku} at ${current.locationId} changed (version ${current.version}, expected ${update.expectedVersion}); re-read it and decide again.`,
      { platform: sim.platform, operation: 'setInventory' },
    );
  }
  if (update.expectedAvailable !== undefined && update.expectedAvailable !== current.available) {
    throw new ConflictError(
      `Stock of ${update.sku} at ${current.locationId} is ${current.available}, not the expected ${update.expectedAvailable}; re-read it and decide again.`,
      { platform: sim.platform, operation: 'setInventory' },
    );
  }
  return sim.state.stock.change(current.sku, current.locationId, { available: update.quantity - current.available }, sim.now());
}

/** Adds `delta` to `available` of one SKU; a repeated idempotency key applies once. */
export function adjustInventoryLevel(sim: SimCore, adjustment: InventoryAdjustment): InventoryLevel {
  const key = adjustment.idempotencyKey;
  const replay = key === undefined ? undefined : sim.state.idempotency.get(key);
  if (replay && !(replay instanceof Error)) return { ...replay };
  const current = level(sim, adjustment.sku, adjustment.locationId, 'adjustInventory');
  if (current.available + adjustment.delta < 0) {
    throw new ValidationError('input of adjustInventory()', [
      { path: ['delta'], message: `Only ${current.available} of ${adjustment.sku} available at ${current.locationId}; cannot subtract ${-adjustment.delta}.` },
    ], { platform: sim.platform, operation: 'adjustInventory' });
  }
  const result = sim.state.stock.change(current.sku, current.locationId, { available: adjustment.delta }, sim.now());
  if (key !== undefined) sim.state.idempotency.set(key, result);
  return result;
}
