import type { InventoryLevel } from '../../model/inventory.js';
import type { Money } from '../../model/money.js';
import type { Order } from '../../model/order.js';
import type { Product } from '../../model/product.js';
import { canonicalJson } from '../../store/store.js';

/**
 * How `getStateUpdatesForSimulation` settles a field the simulation changed locally while the
 * real marketplace changed it too: keep the simulation's value (`local_wins`), take the real
 * one (`remote_wins`), take the later change (`most_recent`), or leave both and report the
 * conflict for a person to decide (`manual`).
 *
 * @example
 * ```ts
 * adapter.configureStateSync({ conflictStrategy: 'most_recent' });
 * ```
 */
export type SimulationConflictStrategy = 'local_wins' | 'remote_wins' | 'most_recent' | 'manual';

/**
 * A change the simulation made locally since the last sync.
 *
 * @example
 * ```ts
 * const change: LocalStateChange = { sku: 'A-1', field: 'price', value: { amountMinor: 1899, currency: 'EUR' }, changedAt: '2026-11-22T10:00:00.000Z' };
 * ```
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
 * One conflict found and how it was settled.
 *
 * @example
 * ```ts
 * const conflict: SimulationStateConflict = {
 *   key: 'shop:A-1', field: 'price', local: 1899, remote: 1999, strategy: 'manual', resolution: 'manual',
 *   explanation: 'Both sides changed price; left for a person to decide.',
 * };
 * ```
 */
export interface SimulationStateConflict {
  key: string;
  field: string;
  local: unknown;
  remote: unknown;
  strategy: SimulationConflictStrategy;
  /** Which value the update carries: `local`, `remote`, or `manual` (the local one, pending a decision). */
  resolution: 'local' | 'remote' | 'manual';
  explanation: string;
}

/**
 * The canonical state of one connected marketplace.
 *
 * @example
 * ```ts
 * const state: RealWorldState = snapshot.marketplaces[0]!;
 * console.log(state.products.length, state.inventory.length, state.orders.length);
 * ```
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
 * @example
 * ```ts
 * const snapshot: RealWorldSnapshot = await adapter.syncStateFromRealWorld();
 * ```
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
 */
export interface SimulationStateUpdate {
  /** When the previous sync happened, if any. */
  since?: string;
  until: string;
  marketplaces: MarketplaceStateUpdate[];
  conflicts: SimulationStateConflict[];
}

/**
 * Settles one conflict with a strategy. Equal timestamps under `most_recent` keep the real
 * value, which is what buyers see.
 *
 * @example
 * ```ts
 * resolveSimulationConflict('most_recent', { changedAt: '2026-11-22T10:00:00Z' }, { changedAt: '2026-11-22T09:00:00Z' }); // 'local'
 * ```
 */
export function resolveSimulationConflict(
  strategy: SimulationConflictStrategy,
  local: { changedAt: string },
  remote: { changedAt?: string },
): 'local' | 'remote' | 'manual' {
  switch (strategy) {
    case 'local_wins':
      return 'local';
    case 'remote_wins':
      return 'remote';
    case 'manual':
      return 'manual';
    case 'most_recent':
      return remote.changedAt === undefined || Date.parse(local.changedAt) > Date.parse(remote.changedAt) ? 'local' : 'remote';
  }
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const levelKey = (level: InventoryLevel) => `${level.sku}@${level.locationId}`;

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
      changed: current.products.filter((p) => oldProducts.has(p.id) && !same({ ...oldProducts.get(p.id), updatedAt: 0 }, { ...p, updatedAt: 0 })),
      removed: [...oldProducts.keys()].filter((id) => !newIds.has(id)),
    },
    inventory: current.inventory.filter((l) => {
      const old = oldLevels.get(levelKey(l));
      return !old || old.available !== l.available || old.reserved !== l.reserved;
    }),
    orders: current.orders.filter((o) => !same(oldOrders.get(o.id), o)),
  };
}

/**
 * Applies local changes to an update with a strategy: where the real side changed the same
 * field, the strategy decides which value the simulation receives.
  *
  * @example
  * ```ts
  * const conflicts = applyLocalChanges(changes, localChanges, 'most_recent');
  * ```
  */
export function applyLocalChanges(update: MarketplaceStateUpdate, local: readonly LocalStateChange[], strategy: SimulationConflictStrategy): SimulationStateConflict[] {
  const conflicts: SimulationStateConflict[] = [];
  for (const change of local) {
    const key = `${update.marketplace}:${change.sku}`;
    if (change.field === 'price') {
      for (const product of update.products.changed) {
        const offer = product.offers.find((o) => o.sku === change.sku);
        if (!offer || same(offer.price, change.value)) continue;
        const resolution = resolveSimulationConflict(strategy, change, product.updatedAt === undefined ? {} : { changedAt: product.updatedAt });
        conflicts.push({ key, field: 'price', local: change.value, remote: offer.price, strategy, resolution, explanation: explain('price', strategy, resolution) });
        if (resolution !== 'remote') offer.price = change.value as Money;
      }
    } else {
      const hits = update.inventory.filter((l) => l.sku === change.sku && (change.locationId === undefined || l.locationId === change.locationId) && l.available !== change.value);
      for (const level of hits) {
        const resolution = resolveSimulationConflict(strategy, change, { changedAt: level.updatedAt });
        conflicts.push({ key: `${key}@${level.locationId}`, field: 'available', local: change.value, remote: level.available, strategy, resolution, explanation: explain('available', strategy, resolution) });
        if (resolution !== 'remote') update.inventory.splice(update.inventory.indexOf(level), 1);
      }
    }
  }
  return conflicts;
}

function explain(field: string, strategy: SimulationConflictStrategy, resolution: 'local' | 'remote' | 'manual'): string {
  if (resolution === 'manual') return `Both sides changed ${field}; left as the simulation has it, for a person to decide.`;
  const who = resolution === 'local' ? "the simulation's" : "the marketplace's";
  return `Both sides changed ${field}; ${strategy} kept ${who} value.`;
}
