import { markChecked } from '../../core/checked-batch.js';
import { isValidSku } from '../../model/scalars.js';
import {
  InventoryAdjustmentSchema,
  InventorySetSchema,
  type InventoryAdjustment,
  type InventorySet,
} from '../../model/inventory.js';

const isKey = (key: unknown) => key === undefined || (typeof key === 'string' && key.length >= 1 && key.length <= 200);
const isLocation = (id: unknown) => id === undefined || (typeof id === 'string' && id.length >= 1);
const isCount = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * Whether an absolute write the engine built satisfies {@link InventorySetSchema}, checked
 * field by field (the engine's numbers come from its own arithmetic, its SKUs from the host's
 * source, which may hold anything).
 *
 * @example
 * ```ts
 * isCheckedSet({ sku: 'A-1', quantity: 3, expectedVersion: 2 }); // true
 * ```
 */
export function isCheckedSet(item: InventorySet): boolean {
  return (
    isValidSku(item.sku) &&
    isCount(item.quantity) &&
    (item.expectedVersion === undefined || isCount(item.expectedVersion)) &&
    (item.expectedAvailable === undefined || isCount(item.expectedAvailable)) &&
    isKey(item.idempotencyKey) &&
    isLocation(item.locationId)
  );
}

/**
 * Whether an adjustment the engine built satisfies {@link InventoryAdjustmentSchema}.
 *
 * @example
 * ```ts
 * isCheckedAdjustment({ sku: 'A-1', delta: -2, idempotencyKey: 'k' }); // true
 * ```
 */
export function isCheckedAdjustment(item: InventoryAdjustment): boolean {
  return (
    isValidSku(item.sku) &&
    Number.isSafeInteger(item.delta) &&
    item.delta !== 0 &&
    isKey(item.idempotencyKey) &&
    isLocation(item.locationId)
  );
}

/**
 * The engine's absolute writes, marked as checked when every item passed
 * {@link isCheckedSet}, so the connector does not validate them again; a batch with any
 * doubtful item goes unmarked and the connector's schema judges it as it judges any input.
 *
 * @example
 * ```ts
 * await channel.api.setInventory(setBatch(items), options);
 * ```
 */
export function setBatch(items: InventorySet[]): InventorySet[] {
  return items.every(isCheckedSet) ? markChecked(items, InventorySetSchema) : items;
}

/**
 * The engine's adjustments, marked as checked when every item passed {@link isCheckedAdjustment}.
 *
 * @example
 * ```ts
 * await channel.api.adjustInventory(adjustBatch(items), options);
 * ```
 */
export function adjustBatch(items: InventoryAdjustment[]): InventoryAdjustment[] {
  return items.every(isCheckedAdjustment) ? markChecked(items, InventoryAdjustmentSchema) : items;
}
