import { canonicalJson } from '../../store/store.js';
import { searchVariants } from './catalog.js';
import { page, SimGraphqlError, type SimResolver, type SimResolverContext } from './resolve-util.js';
import { gid, gidNumber, levelKey, nextId, type ShopifySimState, type SimLevel } from './state.js';

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

/** How long Shopify remembers an `@idempotent` key (24 hours). */
const IDEMPOTENCY_RETENTION_MS = 24 * 3600 * 1000;

/** What the simulator remembers of an `@idempotent` mutation: its variables and its answer. */
interface SimIdempotentRecord {
  fingerprint: string;
  data: Record<string, unknown>;
  at: number;
}

type QuantityInput = { inventoryItemId?: string; locationId?: string; quantity?: number; compareQuantity?: number | null; changeFromQuantity?: number | null };
type ChangeInput = { inventoryItemId?: string; locationId?: string; delta?: number };

/** Inventory mutations are atomic: any user error and nothing is applied. */
function mutate(
  ctx: SimResolverContext,
  field: string,
  items: (QuantityInput & ChangeInput)[],
  listName: 'quantities' | 'changes',
  check: (item: QuantityInput & ChangeInput, level: SimLevel, index: number) => { field: string[]; message: string; code: string } | undefined,
  apply: (item: QuantityInput & ChangeInput, level: SimLevel) => number,
): Record<string, unknown> {
  const { state, variables, idempotencyKey, version } = ctx;
  if (version >= '2026-04' && !idempotencyKey) {
    throw new SimGraphqlError(`The @idempotent directive is required for ${field} from API version 2026-04.`, 'BAD_REQUEST');
  }
  const cacheKey = idempotencyKey ? `${field}:${idempotencyKey}` : undefined;
  const fingerprint = canonicalJson(variables);
  const remembered = cacheKey ? (state.idempotency.get(cacheKey) as SimIdempotentRecord | undefined) : undefined;
  if (remembered && Date.parse(ctx.now) - remembered.at < IDEMPOTENCY_RETENTION_MS) {
    // Shopify answers a duplicate (same key, same variables) with the original result, applied or
    // refused, and refuses the same key with different variables.
    if (remembered.fingerprint === fingerprint) return remembered.data;
    return {
      [field]: {
        inventoryAdjustmentGroup: null,
        userErrors: [{ field: null, message: 'The same idempotency key cannot be used with different operation parameters.', code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' }],
      },
    };
  }
  const remember = (data: Record<string, unknown>) => {
    if (cacheKey) state.idempotency.set(cacheKey, { fingerprint, data, at: Date.parse(ctx.now) } satisfies SimIdempotentRecord);
    return data;
  };
  const input = (variables.input ?? {}) as { name?: string; reason?: string };
  const userErrors: unknown[] = [];
  if (input.name !== 'available' && input.name !== 'on_hand') {
    userErrors.push({ field: ['input', 'name'], message: "The quantity name must be either 'available' or 'on_hand'.", code: 'INVALID_NAME' });
  }
  if (items.length > 250) throw new SimGraphqlError(`The input array size of ${items.length} is greater than the maximum allowed of 250.`, 'MAX_INPUT_SIZE_EXCEEDED');
  const seen = new Set<string>();
  const levels = items.map((item, index) => {
    const key = levelKey(gidNumber(item.inventoryItemId), gidNumber(item.locationId));
    const level = state.levels.get(key);
    if (seen.has(key)) {
      userErrors.push({ field: ['input', listName, String(index)], message: 'The combination of inventoryItemId and locationId must be unique.', code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR' });
    }
    seen.add(key);
    if (!level) {
      const known = [...state.variants.values()].some((variant) => variant.inventoryItemId === gidNumber(item.inventoryItemId));
      userErrors.push(
        known
          ? { field: ['input', listName, String(index), 'locationId'], message: 'The specified inventory item is not stocked at the location.', code: 'ITEM_NOT_STOCKED_AT_LOCATION' }
          : { field: ['input', listName, String(index), 'inventoryItemId'], message: 'The specified inventory item could not be found.', code: 'INVALID_INVENTORY_ITEM' },
      );
      return undefined;
    }
    const problem = check(item, level, index);
    if (problem) userErrors.push(problem);
    return level;
  });
  if (userErrors.length > 0) return remember({ [field]: { inventoryAdjustmentGroup: null, userErrors } });
  const changes = items.map((item, index) => {
    const level = levels[index]!;
    const delta = apply(item, level);
    level.updatedAt = ctx.now;
    return { name: 'available', delta, quantityAfterChange: level.available, item: { id: item.inventoryItemId }, location: { id: item.locationId } };
  });
  const data = { [field]: { inventoryAdjustmentGroup: { id: gid('InventoryAdjustmentGroup', nextId(state)), changes }, userErrors: [] } };
  return remember(data);
}

function setInventory(ctx: SimResolverContext) {
  const input = (ctx.variables.input ?? {}) as { quantities?: QuantityInput[]; ignoreCompareQuantity?: boolean };
  const modern = ctx.version === 'unstable' || ctx.version >= '2026-01';
  const data = mutate(
    ctx,
    'inventorySetQuantities',
    input.quantities ?? [],
    'quantities',
    (item, level, index) => {
      if ('changeFromQuantity' in item && !modern) {
        throw new SimGraphqlError(
          `Variable $input of type InventorySetQuantitiesInput! was provided invalid value for quantities.${index}.changeFromQuantity (Field is not defined on InventoryQuantityInput)`,
          'INVALID_VARIABLE',
        );
      }
      if ((item.quantity ?? 0) > 1_000_000_000) return { field: ['input', 'quantities', String(index), 'quantity'], message: "The total quantity can't be higher than 1,000,000,000.", code: 'INVALID_QUANTITY_TOO_HIGH' };
      if ((item.quantity ?? 0) < 0) return { field: ['input', 'quantities', String(index), 'quantity'], message: "The quantity can't be negative.", code: 'INVALID_QUANTITY_NEGATIVE' };
      const compare = modern && 'changeFromQuantity' in item ? item.changeFromQuantity : item.compareQuantity;
      const name = modern && 'changeFromQuantity' in item ? 'changeFromQuantity' : 'compareQuantity';
      if (compare === undefined || compare === null) {
        if (input.ignoreCompareQuantity || (modern && item.changeFromQuantity === null)) return undefined;
        return { field: ['input', 'quantities', String(index), name], message: 'The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.', code: 'COMPARE_QUANTITY_REQUIRED' };
      }
      if (compare !== level.available) {
        return { field: ['input', 'quantities', String(index), name], message: 'The compareQuantity value does not match persisted value.', code: 'COMPARE_QUANTITY_STALE' };
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
  const input = (ctx.variables.input ?? {}) as { changes?: ChangeInput[] };
  const data = mutate(
    ctx,
    'inventoryAdjustQuantities',
    input.changes ?? [],
    'changes',
    (item, level, index) =>
      level.available + (item.delta ?? 0) < -1_000_000_000
        ? { field: ['input', 'changes', String(index), 'delta'], message: "The total quantity can't be lower than -1,000,000,000.", code: 'INVALID_QUANTITY_TOO_LOW' }
        : undefined,
    (item, level) => {
      level.available += item.delta ?? 0;
      return item.delta ?? 0;
    },
  );
  return { data };
}

function readLevels(state: ShopifySimState, ctx: SimResolverContext, atLocation: number | undefined) {
  const { connection, returned } = page(searchVariants(state, ctx.variables.query), ctx.variables.first, ctx.variables.after, (variant) => {
    const levelAt = (locationId: number) => {
      const level = state.levels.get(levelKey(variant.inventoryItemId, locationId));
      return level ? levelNode(level, locationId) : null;
    };
    const inventoryItem: Record<string, unknown> = { id: gid('InventoryItem', variant.inventoryItemId) };
    if (atLocation !== undefined) inventoryItem.inventoryLevel = levelAt(atLocation);
    else inventoryItem.inventoryLevels = { nodes: [...state.locations.keys()].map(levelAt).filter(Boolean) };
    return { sku: variant.sku, inventoryItem };
  });
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
    const { connection, returned } = page([...state.locations.values()], variables.first, variables.after, (location) => ({
      id: gid('Location', location.id),
      name: location.name,
      isActive: location.isActive,
    }));
    return { data: { locations: connection }, returned };
  },
  MbInventoryAtLocation: (ctx) => {
    const locationId = gidNumber(ctx.variables.locationId);
    if (!ctx.state.locations.has(locationId)) throw new SimGraphqlError(`Invalid id: ${String(ctx.variables.locationId)}`, 'BAD_REQUEST');
    return readLevels(ctx.state, ctx, locationId);
  },
  MbInventoryAllLocations: (ctx) => readLevels(ctx.state, ctx, undefined),
  MbInventorySet: setInventory,
  MbInventorySetIdempotent: setInventory,
  MbInventoryAdjust: adjustInventory,
  MbInventoryAdjustIdempotent: adjustInventory,
};
