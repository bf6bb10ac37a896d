import type { Result } from 'neverthrow';
import type { ResolvedContext } from '../../core/context.js';
import type { Money } from '../../model/money.js';
import { ConflictResolver } from '../../sync/resolver/conflict-resolver.js';
import type { Conflict, ConflictFailure, Resolution } from '../../sync/resolver/types.js';
import { resolverOptions, type CheckedStateSync } from './settings.js';
import {
  levelKey,
  same,
  type LocalStateChange,
  type MarketplaceStateUpdate,
  type RealWorldState,
  type SimulationStateConflict,
} from './state-sync.js';

/**
 * The {@link ConflictResolver} of an adapter's state sync. Manual tasks live in the context's
 * store under `safety:conflicts:<tenant>:`, so every process on that store sees them, and each
 * resolution emits `conflict` on the context's events.
 *
 * @example
 * ```ts
 * const resolver = simulationConflictResolver(checkStateSync({ conflictStrategy: 'manual' }), adapter.context);
 * ```
 */
export function simulationConflictResolver(settings: CheckedStateSync, context: ResolvedContext): ConflictResolver {
  return new ConflictResolver({
    ...resolverOptions(settings),
    store: context.store,
    clock: context.clock,
    events: context.events,
    prefix: `safety:conflicts:${context.tenantId}:`,
  });
}

/**
 * Settles the simulation's own changes against an update from the real marketplace: wherever
 * the real side changed the same field to another value, the resolver decides which value the
 * simulation receives. The update is changed in place (a price carries the decided value; a
 * stock level the simulation keeps as it is leaves the update) and the conflicts are returned.
 * `previous` is the last sync, the base of a `merge`.
 *
 * @example
 * ```ts
 * const conflicts = await settleLocalChanges(changes, localChanges, resolver, previousState);
 * ```
 */
export async function settleLocalChanges(
  update: MarketplaceStateUpdate,
  local: readonly LocalStateChange[],
  resolver: ConflictResolver,
  previous?: RealWorldState,
): Promise<SimulationStateConflict[]> {
  const conflicts: SimulationStateConflict[] = [];
  const localSide = (change: LocalStateChange) => ({ value: change.value as unknown, updatedAt: change.changedAt });
  for (const change of local) {
    const key = `${update.marketplace}:${change.sku}`;
    if (change.field === 'price') {
      for (const product of update.products.changed) {
        const offer = product.offers.find((o) => o.sku === change.sku);
        if (!offer || same(offer.price, change.value)) continue;
        const base = previous?.products
          .find((p) => p.id === product.id)
          ?.offers.find((o) => o.sku === change.sku)?.price;
        const conflict: Conflict = {
          key,
          field: 'price',
          local: localSide(change),
          remote:
            product.updatedAt === undefined
              ? { value: offer.price }
              : { value: offer.price, updatedAt: product.updatedAt },
          ...(base === undefined ? {} : { base }),
        };
        const settled = describe(conflict, resolver, await resolver.resolve(conflict));
        offer.price = settled.value as Money;
        conflicts.push(settled);
      }
    } else {
      const hits = update.inventory.filter(
        (l) =>
          l.sku === change.sku &&
          (change.locationId === undefined || l.locationId === change.locationId) &&
          l.available !== change.value,
      );
      for (const level of hits) {
        const base = previous?.inventory.find((l) => levelKey(l) === levelKey(level))?.available;
        const conflict: Conflict = {
          key: `${key}@${level.locationId}`,
          field: 'available',
          local: localSide(change),
          remote: { value: level.available, updatedAt: level.updatedAt },
          ...(base === undefined ? {} : { base }),
        };
        const settled = describe(conflict, resolver, await resolver.resolve(conflict));
        // The simulation already has its own value; only a different one is worth handing over.
        if (same(settled.value, change.value)) update.inventory.splice(update.inventory.indexOf(level), 1);
        else level.available = settled.value as number;
        conflicts.push(settled);
      }
    }
  }
  return conflicts;
}

function describe(
  conflict: Conflict,
  resolver: ConflictResolver,
  result: Result<Resolution, ConflictFailure>,
): SimulationStateConflict {
  const { key, local, remote } = conflict;
  const field = conflict.field as SimulationStateConflict['field'];
  const sides = { key, field, local: local.value, remote: remote.value };
  if (result.isOk()) {
    const { value, strategy, winner, explanation } = result.value;
    return { ...sides, value, strategy, resolution: winner === 'unchanged' ? 'local' : winner, explanation };
  }
  const configured = resolver.strategyFor(field);
  const strategy = typeof configured === 'function' ? 'custom' : configured;
  // Undecided conflicts keep the simulation's value, as the resolver's own resolveRecord does.
  const pending: SimulationStateConflict = {
    ...sides,
    value: local.value,
    strategy,
    resolution: result.error.reason === 'manual_required' ? 'manual' : 'unresolved',
    explanation: result.error.message,
  };
  const taskId = result.error.details?.taskId;
  if (typeof taskId === 'string') pending.taskId = taskId;
  return pending;
}
