import type { MaybePromise } from '../../core/types.js';

/**
 * Stock of one SKU in the host's source of truth: the units it can sell across all channels.
 *
 * @category Inventory sync
 */
export interface SourceLevel {
  sku: string;
  /** Sellable units (never negative). */
  available: number;
  /** When it last changed (ISO timestamp); used by `most_recent`. */
  updatedAt?: string;
}

/**
 * A change the sync engine applies to the source of truth, such as sales made on a
 * marketplace. `key` is unique per change: applying the same key again must change nothing.
 *
 * @category Inventory sync
 */
export interface SourceDelta {
  sku: string;
  delta: number;
  /** Idempotency key: a replay with the same key applies nothing. */
  key: string;
  /** Why, for the host's audit log. */
  reason?: string;
}

/**
 * One page of local changes after a cursor. `origin` is the {@link SourceDelta.key} when the
 * change was the sync engine's own write, so the engine can ignore its echo.
 *
 * @category Inventory sync
 */
export interface SourceChanges {
  changes: { sku: string; origin?: string }[];
  /** Pass it back to get the changes after this page. */
  cursor: string;
  /** Whether more changes follow. */
  more: boolean;
}

/**
 * The host's source of truth for stock: the small interface a host implements over its own
 * database (an in-memory one ships: {@link InMemoryInventorySource}).
 *
 * `applyDeltas` must be idempotent per key (a unique index on the key in the same transaction
 * as the stock change is enough) and must never take stock below zero.
 *
 * @example
 * ```ts
 * const source: InventorySource = {
 *   listSkus: (after, limit) => db.skus({ after, limit }),
 *   getLevels: (skus) => db.levels(skus),
 *   applyDeltas: (deltas) => db.transaction((tx) => tx.applyOnce(deltas)),
 *   changes: (cursor, limit) => db.changesSince(cursor, limit),
 * };
 * ```
 *
 * @category Inventory sync
 */
export interface InventorySource {
  /** SKUs in ascending order, strictly after `after`, at most `limit`. */
  listSkus(after: string | undefined, limit: number): MaybePromise<string[]>;
  /** Current levels; SKUs the source does not know are left out. */
  getLevels(skus: readonly string[]): MaybePromise<SourceLevel[]>;
  /** Applies each delta once per key, clamped at zero; resolves the levels after. */
  applyDeltas(deltas: readonly SourceDelta[]): MaybePromise<SourceLevel[]>;
  /** Local changes after `cursor` (from the start when undefined). */
  changes(cursor: string | undefined, limit: number): MaybePromise<SourceChanges>;
}
