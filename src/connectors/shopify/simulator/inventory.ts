import { searchVariants } from './catalog.js';
import {
  mutateInventory as mutate,
  sinceVersion as since,
  undefinedField,
  type SimInventoryItem as Item,
  type SimInventoryProblem as Problem,
} from './inventory-mutation.js';
import { SimGraphqlError, type SimResolver, type SimResolverContext } from './resolver.js';
import { page } from './paging.js';
import { gid, gidNumber, levelKey, type ShopifySimState, type SimLevel } from './state.js';

function levelNode(level: SimLevel, locationId: number): Record<string, unknown> {
  return {
    updatedAt: level.updatedAt,
    quantities: [
      { name: 'available', quantity: level.available },
      { name: 'committed', quantity: level.committed },
      { name: 'on_hand', quantity: level.available + level.committed },
    ],
    location: { id: gid('Location', locationId) },
  };
}

/** The CHANGE_FROM_QUANTITY_STALE error of an item whose `changeFromQuantity` is not the level's. */
function staleChangeFrom(item: Item, level: SimLevel, listName: string, index: number): Problem | undefined {
  if (typeof item.changeFromQuantity !== 'number' || item.changeFromQuantity === level.available) return undefined;
  return {
    field: ['input', listName, String(index), 'changeFromQuantity'],
    message: 'The changeFromQuantity value does not match persisted value.',
    code: 'CHANGE_FROM_QUANTITY_STALE',
  };
}

/** 2026-04+: every item names `changeFromQuantity` (null skips the check); omitting it is an error. */
function requireChangeFrom(version: string, item: Item, field: string, listName: string, index: number): void {
  if (since(version, '2026-04') && !('changeFromQuantity' in item)) {
    throw new SimGraphqlError(
      `${field}: ${listName}.${index} has no changeFromQuantity. From API version 2026-04 every item must pass the expected quantity, or null to skip the check.`,
      'INVALID_VARIABLE',
    );
  }
}

function setInventory(ctx: SimResolverContext) {
  const input = (ctx.variables.input ?? {}) as { quantities?: Item[]; ignoreCompareQuantity?: boolean };
  const modern = since(ctx.version, '2026-01');
  if (since(ctx.version, '2026-04') && 'ignoreCompareQuantity' in input)
    throw undefinedField(
      'InventorySetQuantitiesInput',
      'InventorySetQuantitiesInput',
      'input',
      'ignoreCompareQuantity',
    );
  const data = mutate(
    ctx,
    'inventorySetQuantities',
    input.quantities ?? [],
    'quantities',
    (item, index) => {
      if ('changeFromQuantity' in item && !modern)
        throw undefinedField(
          'InventoryQuantityInput',
          'InventorySetQuantitiesInput',
          `quantities.${index}`,
          'changeFromQuantity',
        );
      // 2026-04 removed compareQuantity (and ignoreCompareQuantity) in favour of changeFromQuantity.
      if ('compareQuantity' in item && since(ctx.version, '2026-04'))
        throw undefinedField(
          'InventoryQuantityInput',
          'InventorySetQuantitiesInput',
          `quantities.${index}`,
          'compareQuantity',
        );
      requireChangeFrom(ctx.version, item, 'inventorySetQuantities', 'quantities', index);
    },
    (item, level, index) => {
      if ((item.quantity ?? 0) > 1_000_000_000)
        return {
          field: ['input', 'quantities', String(index), 'quantity'],
          message: "The total quantity can't be higher than 1,000,000,000.",
          code: 'INVALID_QUANTITY_TOO_HIGH',
        };
      if ((item.quantity ?? 0) < 0)
        return {
          field: ['input', 'quantities', String(index), 'quantity'],
          message: "The quantity can't be negative.",
          code: 'INVALID_QUANTITY_NEGATIVE',
        };
      if (modern && 'changeFromQuantity' in item) return staleChangeFrom(item, level, 'quantities', index);
      const compare = item.compareQuantity;
      if (compare === undefined || compare === null) {
        if (input.ignoreCompareQuantity) return undefined;
        return {
          field: ['input', 'quantities', String(index), 'compareQuantity'],
          message:
            'The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.',
          code: 'COMPARE_QUANTITY_REQUIRED',
        };
      }
      if (compare !== level.available) {
        return {
          field: ['input', 'quantities', String(index), 'compareQuantity'],
          message: 'The compareQuantity value does not match persisted value.',
          code: 'COMPARE_QUANTITY_STALE',
        };
      }
      return undefined;
    },
    (item, level) => {
      const delta = (item.quantity ?? 0) - level.available;
      level.available = item.quantity ?? 0;
      return delta;
    },
  );
  return { data };
}

function adjustInventory(ctx: SimResolverContext) {
  const input = (ctx.variables.input ?? {}) as { changes?: Item[] };
  const data = mutate(
    ctx,
    'inventoryAdjustQuantities',
    input.changes ?? [],
    'changes',
    (item, index) => {
      // InventoryChangeInput.changeFromQuantity arrived in 2026-01 and is required from 2026-04.
      if ('changeFromQuantity' in item && !since(ctx.version, '2026-01'))
        throw undefinedField(
          'InventoryChangeInput',
          'InventoryAdjustQuantitiesInput',
          `changes.${index}`,
          'changeFromQuantity',
        );
      requireChangeFrom(ctx.version, item, 'inventoryAdjustQuantities', 'changes', index);
    },
    (item, level, index) =>
      level.available + (item.delta ?? 0) < -1_000_000_000
        ? {
            field: ['input', 'changes', String(index), 'delta'],
            message: "The total quantity can't be lower than -1,000,000,000.",
            code: 'INVALID_QUANTITY_TOO_LOW',
          }
        : staleChangeFrom(item, level, 'changes', index),
    (item, level) => {
      level.available += item.delta ?? 0;
      return item.delta ?? 0;
    },
  );
  return { data };
}

function readLevels(state: ShopifySimState, ctx: SimResolverContext, atLocation: number | undefined) {
  const { connection, returned } = page(
    searchVariants(state, ctx.variables.query),
    ctx.variables.first,
    ctx.variables.after,
    (variant) => {
      const levelAt = (locationId: number) => {
        const level = state.levels.get(levelKey(variant.inventoryItemId, locationId));
        return level ? levelNode(level, locationId) : null;
      };
      const inventoryItem: Record<string, unknown> = { id: gid('InventoryItem', variant.inventoryItemId) };
      if (atLocation !== undefined) inventoryItem.inventoryLevel = levelAt(atLocation);
      else inventoryItem.inventoryLevels = { nodes: [...state.locations.keys()].map(levelAt).filter(Boolean) };
      return { sku: variant.sku, inventoryItem };
    },
  );
  return { data: { productVariants: connection }, returned };
}

/**
 * Resolvers of locations and inventory: reads by SKU, `inventorySetQuantities` with
 * compare-and-set, `inventoryAdjustQuantities`, both honouring `@idempotent` keys (a duplicate
 * with the same variables gets the original answer, applied or refused, for 24 hours; the same key
 * with different variables gets `IDEMPOTENCY_KEY_PARAMETER_MISMATCH`).
 *
 * @example
 * ```ts
 * inventoryResolvers.MbInventorySet!(ctx);
 * ```
 */
export const inventoryResolvers: Record<string, SimResolver> = {
  MbLocations: ({ state, variables }) => {
    const { connection, returned } = page(
      [...state.locations.values()],
      variables.first,
      variables.after,
      (location) => ({
        id: gid('Location', location.id),
        name: location.name,
        isActive: location.isActive,
      }),
    );
    return { data: { locations: connection }, returned };
  },
  MbInventoryAtLocation: (ctx) => {
    const locationId = gidNumber(ctx.variables.locationId);
    if (!ctx.state.locations.has(locationId))
      throw new SimGraphqlError(`Invalid id: ${String(ctx.variables.locationId)}`, 'BAD_REQUEST');
    return readLevels(ctx.state, ctx, locationId);
  },
  MbInventoryAllLocations: (ctx) => readLevels(ctx.state, ctx, undefined),
  MbInventorySet: setInventory,
  MbInventorySetIdempotent: setInventory,
  MbInventoryAdjust: adjustInventory,
  MbInventoryAdjustIdempotent: adjustInventory,
};
