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

/**
 * What the simulator remembers of an `@idempotent` mutation: its variables and its answer, or
 * that the attempt failed inside Shopify (nothing applied).
 */
interface SimIdempotentRecord {
  fingerprint: string;
  data?: Record<string, unknown>;
  failed?: boolean;
  at: number;
}

type QuantityInput = { inventoryItemId?: string; locationId?: string; quantity?: number; compareQuantity?: number | null; changeFromQuantity?: number | null };
type ChangeInput = { inventoryItemId?: string; locationId?: string; delta?: number; changeFromQuantity?: number | null };
type Item = QuantityInput & ChangeInput;
type Problem = { field: string[]; message: string; code: string };

const since = (version: string, first: string) => version === 'unstable' || version >= first;

function undefinedField(type: string, input: string, path: string, field: string): SimGraphqlError {
  return new SimGraphqlError(`Variable $input of type ${input}! was provided invalid value for ${path}.${field} (Field is not defined on ${type})`, 'INVALID_VARIABLE');
}

/**
 * Inventory mutations are atomic: any user error and nothing is applied. `validate` runs first
 * (the variables against the version's schema and runtime rules); then a duplicate `@idempotent`
 * key is answered from the record; then `check` and `apply` run per item.
 */
function mutate(
  ctx: SimResolverContext,
  field: 'inventorySetQuantities' | 'inventoryAdjustQuantities',
  items: Item[],
  listName: 'quantities' | 'changes',
  validate: (item: Item, index: number) => void,
  check: (item: Item, level: SimLevel, index: number) => Problem | undefined,
  apply: (item: Item, level: SimLevel) => number,
): Record<string, unknown> {
  const { state, variables, idempotencyKey, version } = ctx;
  if (since(version, '2026-04') && !idempotencyKey) {
    throw new SimGraphqlError(`The @idempotent directive is required for ${field} from API version 2026-04.`, 'BAD_REQUEST');
  }
  items.forEach(validate);
  const cacheKey = idempotencyKey ? `${field}:${idempotencyKey}` : undefined;
  const fingerprint = canonicalJson(variables);
  const refusal = (message: string, code: string) => ({ [field]: { inventoryAdjustmentGroup: null, userErrors: [{ field: null, message, code }] } });
  const remembered = cacheKey ? (state.idempotency.get(cacheKey) as SimIdempotentRecord | undefined) : undefined;
  if (remembered && Date.parse(ctx.now) - remembered.at < IDEMPOTENCY_RETENTION_MS) {
    // Shopify answers a duplicate (same key, same variables) with the original result, applied or
    // refused, and refuses the same key with different variables.
    if (remembered.fingerprint !== fingerprint) return refusal('The same idempotency key cannot be used with different operation parameters.', 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH');
    if (remembered.data) return remembered.data;
    // The key's attempt failed inside Shopify. 2026-10 (InventorySetQuantitiesUserErrorCode) refuses
    // the key for good; otherwise the attempt is forgotten and this one runs.
    if (field === 'inventorySetQuantities' && since(version, '2026-10')) {
      return refusal('A previous request with this idempotency key failed. Retry with a new idempotency key.', 'IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED');
    }
  }
  if (cacheKey && ctx.failAttempt?.()) {
    state.idempotency.set(cacheKey, { fingerprint, failed: true, at: Date.parse(ctx.now) } satisfies SimIdempotentRecord);
    throw new SimGraphqlError('Internal error. Looks like something went wrong on our end.', 'INTERNAL_SERVER_ERROR', 500);
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

/** The CHANGE_FROM_QUANTITY_STALE error of an item whose `changeFromQuantity` is not the level's. */
function staleChangeFrom(item: Item, level: SimLevel, listName: string, index: number): Problem | undefined {
  if (typeof item.changeFromQuantity !== 'number' || item.changeFromQuantity === level.available) return undefined;
  return { field: ['input', listName, String(index), 'changeFromQuantity'], message: 'The changeFromQuantity value does not match persisted value.', code: 'CHANGE_FROM_QUANTITY_STALE' };
}

/** 2026-04+: every item names `changeFromQuantity` (null skips the check); omitting it is an error. */
function requireChangeFrom(version: string, item: Item, field: string, listName: string, index: number): void {
  if (since(version, '2026-04') && !('changeFromQuantity' in item)) {
    throw new SimGraphqlError(`${field}: ${listName}.${index} has no changeFromQuantity. From API version 2026-04 every item must pass the expected quantity, or null to skip the check.`, 'INVALID_VARIABLE');
  }
}

function setInventory(ctx: SimResolverContext) {
  const input = (ctx.variables.input ?? {}) as { quantities?: QuantityInput[]; ignoreCompareQuantity?: boolean };
  const modern = since(ctx.version, '2026-01');
  if (since(ctx.version, '2026-04') && 'ignoreCompareQuantity' in input) throw undefinedField('InventorySetQuantitiesInput', 'InventorySetQuantitiesInput', 'input', 'ignoreCompareQuantity');
  const data = mutate(
    ctx,
    'inventorySetQuantities',
    input.quantities ?? [],
    'quantities',
    (item, index) => {
      if ('changeFromQuantity' in item && !modern) throw undefinedField('InventoryQuantityInput', 'InventorySetQuantitiesInput', `quantities.${index}`, 'changeFromQuantity');
      // 2026-04 removed compareQuantity (and ignoreCompareQuantity) in favour of changeFromQuantity.
      if ('compareQuantity' in item && since(ctx.version, '2026-04')) throw undefinedField('InventoryQuantityInput', 'InventorySetQuantitiesInput', `quantities.${index}`, 'compareQuantity');
      requireChangeFrom(ctx.version, item, 'inventorySetQuantities', 'quantities', index);
    },
    (item, level, index) => {
      if ((item.quantity ?? 0) > 1_000_000_000) return { field: ['input', 'quantities', String(index), 'quantity'], message: "The total quantity can't be higher than 1,000,000,000.", code: 'INVALID_QUANTITY_TOO_HIGH' };
      if ((item.quantity ?? 0) < 0) return { field: ['input', 'quantities', String(index), 'quantity'], message: "The quantity can't be negative.", code: 'INVALID_QUANTITY_NEGATIVE' };
      if (modern && 'changeFromQuantity' in item) return staleChangeFrom(item, level, 'quantities', index);
      const compare = item.compareQuantity;
      if (compare === undefined || compare === null) {
        if (input.ignoreCompareQuantity) return undefined;
        return { field: ['input', 'quantities', String(index), 'compareQuantity'], message: 'The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.', code: 'COMPARE_QUANTITY_REQUIRED' };
      }
      if (compare !== level.available) {
        return { field: ['input', 'quantities', String(index), 'compareQuantity'], message: 'The compareQuantity value does not match persisted value.', code: 'COMPARE_QUANTITY_STALE' };
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
    (item, index) => {
      // InventoryChangeInput.changeFromQuantity arrived in 2026-01 and is required from 2026-04.
      if ('changeFromQuantity' in item && !since(ctx.version, '2026-01')) throw undefinedField('InventoryChangeInput', 'InventoryAdjustQuantitiesInput', `changes.${index}`, 'changeFromQuantity');
      requireChangeFrom(ctx.version, item, 'inventoryAdjustQuantities', 'changes', index);
    },
    (item, level, index) =>
      level.available + (item.delta ?? 0) < -1_000_000_000
        ? { field: ['input', 'changes', String(index), 'delta'], message: "The total quantity can't be lower than -1,000,000,000.", code: 'INVALID_QUANTITY_TOO_LOW' }
        : staleChangeFrom(item, level, 'changes', index),
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
