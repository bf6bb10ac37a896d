import { ConflictError } from '../core/errors/conflict-error.js';
import { NotFoundError } from '../core/errors/not-found-error.js';
import { ValidationError } from '../core/errors/validation-error.js';
import type { InventoryAdjustment, InventoryLevel, InventorySet } from '../model/inventory.js';
import { hash53 } from '../core/hash.js';
import { adjustFingerprint } from './batch-checks.js';
import { setBodyHash } from './body-hash.js';
import type { SimCore } from './write-context.js';

/** The location a write without `locationId` goes to: the first configured one. */
export function defaultLocation(sim: SimCore): string {
  return sim.config.locations[0] ?? 'default';
}

function level(sim: SimCore, sku: string, locationId: string, operation: string): InventoryLevel {
  const found = sim.state.stock.level(sku, locationId);
  if (!found) {
    const what = sim.state.stock.has(sku) ? `location ${locationId}` : `SKU ${sku}`;
    throw new NotFoundError(`No ${what} on ${sim.platform}.`, { platform: sim.platform, operation });
  }
  return found;
}

/** How long a simulated marketplace answers a repeated idempotency key from memory. */
const KEY_TTL_MS = 86_400_000;

/** The refusal of a write whose idempotency key was used before for a different write (Stripe and Shopify refuse it too). */
function keyReused(sim: SimCore, key: string, operation: string): ConflictError {
  return new ConflictError(
    `Idempotency key ${key} was already used for a different write on ${sim.platform}; nothing was written. Give each write its own key.`,
    {
      platform: sim.platform,
      operation,
    },
  );
}

/** Refuses a write that would take stock beyond what a number holds exactly. */
function checkRange(sim: SimCore, current: InventoryLevel, available: number, operation: string, path: string): void {
  if (Number.isSafeInteger(available) && Number.isSafeInteger(available + current.reserved)) return;
  throw new ValidationError(
    `input of ${operation}()`,
    [
      {
        path: [path],
        message: `That would take stock of ${current.sku} at ${current.locationId} beyond ${Number.MAX_SAFE_INTEGER} units; nothing was written.`,
      },
    ],
    { platform: sim.platform, operation },
  );
}

/** The refusal of a compare-and-set whose expected value no longer holds, or undefined. */
function stale(
  sim: SimCore,
  update: InventorySet,
  current: { locationId: string; version: number; available: number },
): ConflictError | undefined {
  if (update.expectedVersion !== undefined && update.expectedVersion !== current.version) {
    return new ConflictError(
      `Stock of ${update.sku} at ${current.locationId} changed (version ${current.version}, expected ${update.expectedVersion}); re-read it and decide again.`,
      { platform: sim.platform, operation: 'setInventory' },
    );
  }
  if (update.expectedAvailable !== undefined && update.expectedAvailable !== current.available) {
    return new ConflictError(
      `Stock of ${update.sku} at ${current.locationId} is ${current.available}, not the expected ${update.expectedAvailable}; re-read it and decide again.`,
      { platform: sim.platform, operation: 'setInventory' },
    );
  }
  return undefined;
}

/**
 * Sets `available` of one SKU at one location; compare-and-set when expected values are given.
 * Sent again with the same idempotency key, the latest keyed write of a level answers as it
 * first did (the level it left, or the same refusal) without writing again, for 24 hours. A key
 * already used for a different write (another level, quantity or expected value) is refused
 * with a `ConflictError`.
 */
export function setInventoryLevel(sim: SimCore, update: InventorySet): InventoryLevel {
  const location = update.locationId ?? defaultLocation(sim);
  const current = level(sim, update.sku, location, 'setInventory');
  const { stock } = sim.state;
  const key = update.idempotencyKey;
  const now = sim.clock.now();
  // Keys and bodies are remembered as 53-bit hashes, computed once per write.
  const keyHash = key === undefined ? 0 : hash53(key);
  const bodyHash = key === undefined ? 0 : setBodyHash(update, location);
  if (key !== undefined) {
    const earlier = sim.state.setKeys.get(keyHash, now);
    if (earlier !== undefined && earlier !== bodyHash) throw keyReused(sim, key, 'setInventory');
    const replay = stock.recall(current.sku, current.locationId, keyHash, bodyHash, now, KEY_TTL_MS);
    if (replay?.kind === 'other_body') throw keyReused(sim, key, 'setInventory');
    if (replay?.kind === 'applied') return replay.level;
    if (replay?.kind === 'refused')
      throw (
        stale(sim, update, { locationId: current.locationId, ...replay }) ??
        new ConflictError(`Stock of ${update.sku} changed; re-read it and decide again.`, {
          platform: sim.platform,
          operation: 'setInventory',
        })
      );
  }
  const refusal = stale(sim, update, current);
  if (refusal) {
    if (key !== undefined) rememberSet(sim, current, keyHash, bodyHash, now, 'refused');
    throw refusal;
  }
  checkRange(sim, current, update.quantity, 'setInventory', 'quantity');
  const result = stock.change(
    current.sku,
    current.locationId,
    { available: update.quantity - current.available },
    sim.now(),
  );
  if (key !== undefined) rememberSet(sim, current, keyHash, bodyHash, now, 'applied');
  return result;
}

/** Records the answer of a keyed set, per level and per key. */
function rememberSet(
  sim: SimCore,
  current: InventoryLevel,
  keyHash: number,
  bodyHash: number,
  now: number,
  kind: 'applied' | 'refused',
): void {
  sim.state.stock.remember(current.sku, current.locationId, keyHash, bodyHash, now, kind);
  sim.state.setKeys.set(keyHash, bodyHash, now);
}

/**
 * Adds `delta` to `available` of one SKU. A repeated idempotency key applies once and answers
 * with the level it left; a key already used for a different adjustment is refused with a
 * `ConflictError`. Stock below zero or beyond the safe integer range is refused.
 */
export function adjustInventoryLevel(sim: SimCore, adjustment: InventoryAdjustment): InventoryLevel {
  const location = adjustment.locationId ?? defaultLocation(sim);
  const key = adjustment.idempotencyKey;
  const body = key === undefined ? '' : adjustFingerprint(adjustment, location);
  const replay = key === undefined ? undefined : sim.state.idempotency.get(key, sim.clock.now());
  if (replay) {
    if (replay.body !== body) throw keyReused(sim, key!, 'adjustInventory');
    return { ...replay.level };
  }
  const current = level(sim, adjustment.sku, location, 'adjustInventory');
  if (current.available + adjustment.delta < 0) {
    throw new ValidationError(
      'input of adjustInventory()',
      [
        {
          path: ['delta'],
          message: `Only ${current.available} of ${adjustment.sku} available at ${current.locationId}; cannot subtract ${-adjustment.delta}.`,
        },
      ],
      { platform: sim.platform, operation: 'adjustInventory' },
    );
  }
  checkRange(sim, current, current.available + adjustment.delta, 'adjustInventory', 'delta');
  const result = sim.state.stock.change(current.sku, current.locationId, { available: adjustment.delta }, sim.now());
  if (key !== undefined) sim.state.idempotency.set(key, { level: result, body }, sim.clock.now());
  return result;
}
