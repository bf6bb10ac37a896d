import type { InventoryLevel } from '../../model/inventory.js';
import type { Money } from '../../model/money.js';
import type { Order } from '../../model/order.js';
import type { Product } from '../../model/product.js';
import { canonicalJson } from '../../stores/store.js';

/**
 * A change the simulation made locally since the last sync.
 *
 * @category Real-world adapter
 */
export interface LocalStateChange {
  /** The connection id (default: the only connection). */
  marketplace?: string;
  sku: string;
  field: 'price' | 'available';
  /** For `available`: the location (default: every location of the SKU). */
  locationId?: string;
  value: Money | number;
  /** When the simulation changed it (ISO timestamp). */
  changedAt: string;
}

/**
 * Which value the update carries for a conflict: one side's, a three-way merge, a custom
 * strategy's, the simulation's while a person decides (`manual`), or the simulation's because
 * the resolver could not decide (`unresolved`: a custom strategy threw or `merge` did not apply).
 *
 * @category Real-world adapter
 */
export type SimulationConflictResolution = 'local' | 'remote' | 'merged' | 'custom' | 'manual' | 'unresolved';

/**
 * One conflict found and how the sync `ConflictResolver` settled it.
 *
 * @example
 * ```ts
 * const conflict: SimulationStateConflict = {
 *   key: 'shop:A-1', field: 'price', local: 1899, remote: 1999, value: 1899, strategy: 'manual', resolution: 'manual',
 *   taskId: 'shop:A-1#price', explanation: 'manual: a person decides; parked as task shop:A-1#price (local 1899, remote 1999). ...',
 * };
 * ```
 *
 * @category Real-world adapter
 */
export interface SimulationStateConflict {
  /** `<connection>:<sku>` for prices, `<connection>:<sku>@<location>` for stock. */
  key: string;
  field: 'price' | 'available';
  local: unknown;
  remote: unknown;
  /** The value the update carries for the field. */
  value: unknown;
  /** The strategy that decided: a built-in name, or `custom` for a function. */
  strategy: string;
  resolution: SimulationConflictResolution;
  /** The resolver's explanation, or why it could not decide. */
  explanation: string;
  /** For a conflict left to a person: the id of its task in `adapter.conflictTasks`. */
  taskId?: string;
}

/**
 * The canonical state of one connected marketplace.
 *
 * @example
 * ```ts
 * const state: RealWorldState = snapshot.marketplaces[0]!;
 * console.log(state.products.length, state.inventory.length, state.orders.length);
 * ```
 *
 * @category Real-world adapter
 */
export interface RealWorldState {
  /** The connection id. */
  marketplace: string;
  /** The platform name the instance reports. */
  platform: string;
  /** ISO timestamp of the read. */
  syncedAt: string;
  products: Product[];
  inventory: InventoryLevel[];
  /** Orders, customer data anonymised unless privacy settings say otherwise. */
  orders: Order[];
}

/**
 * What `syncStateFromRealWorld()` returns.
 *
 * @category Real-world adapter
 */
export interface RealWorldSnapshot {
  syncedAt: string;
  marketplaces: RealWorldState[];
}

/**
 * What changed on one marketplace since the last sync.
 *
 * @example
 * ```ts
 * const update: MarketplaceStateUpdate = updates.marketplaces[0]!;
 * console.log(update.products.changed.length, update.inventory.length);
 * ```
 *
 * @category Real-world adapter
 */
export interface MarketplaceStateUpdate {
  marketplace: string;
  products: { added: Product[]; changed: Product[]; removed: string[] };
  /** Stock levels that are new or changed. */
  inventory: InventoryLevel[];
  /** Orders that are new or changed, anonymised. */
  orders: Order[];
}

/**
 * What `getStateUpdatesForSimulation()` returns: the changes since the previous sync (everything
 * when there was none), after conflict resolution.
 *
 * @example
 * ```ts
 * const updates: SimulationStateUpdate = await adapter.getStateUpdatesForSimulation();
 * for (const conflict of updates.conflicts) console.log(conflict.key, conflict.resolution);
 * ```
 *
 * @category Real-world adapter
 */
export interface SimulationStateUpdate {
  /** When the previous sync happened, if any. */
  since?: string;
  until: string;
  marketplaces: MarketplaceStateUpdate[];
  conflicts: SimulationStateConflict[];
}

/**
 * Whether two values are equal as canonical JSON.
 *
 * @example
 * ```ts
 * same({ a: 1, b: 2 }, { b: 2, a: 1 }); // true
 * ```
 */
export const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * The key of a stock level in a state: `<sku>@<location>`.
 *
 * @example
 * ```ts
 * levelKey({ sku: 'A-1', locationId: 'WH' } as InventoryLevel); // 'A-1@WH'
 * ```
 */
export const levelKey = (level: InventoryLevel) => `${level.sku}@${level.locationId}`;

/**
 * The changes from `previous` to `current` of one marketplace (everything when no previous).
 *
 * @example
 * ```ts
 * const changes = diffState(previousState, currentState);
 * ```
 */
export function diffState(previous: RealWorldState | undefined, current: RealWorldState): MarketplaceStateUpdate {
  const oldProducts = new Map((previous?.products ?? []).map((p) => [p.id, p]));
  const newIds = new Set(current.products.map((p) => p.id));
  const oldLevels = new Map((previous?.inventory ?? []).map((l) => [levelKey(l), l]));
  const oldOrders = new Map((previous?.orders ?? []).map((o) => [o.id, o]));
  return {
    marketplace: current.marketplace,
    products: {
      added: current.products.filter((p) => !oldProducts.has(p.id)),
      changed: current.products.filter(
        (p) => oldProducts.has(p.id) && !same({ ...oldProducts.get(p.id), updatedAt: 0 }, { ...p, updatedAt: 0 }),
      ),
      removed: [...oldProducts.keys()].filter((id) => !newIds.has(id)),
    },
    inventory: current.inventory.filter((l) => {
      const old = oldLevels.get(levelKey(l));
      return !old || old.available !== l.available || old.reserved !== l.reserved;
    }),
    orders: current.orders.filter((o) => !same(oldOrders.get(o.id), o)),
  };
}
