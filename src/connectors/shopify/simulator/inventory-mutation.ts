import { canonicalJson } from '../../../stores/store.js';
import { SimGraphqlError, type SimResolverContext } from './resolver.js';
import { gid, gidNumber, levelKey, nextId, type SimLevel } from './state.js';

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

/**
 * One quantity of `inventorySetQuantities` or change of `inventoryAdjustQuantities`, as sent.
 */
export type SimInventoryItem = {
  inventoryItemId?: string;
  locationId?: string;
  quantity?: number;
  delta?: number;
  compareQuantity?: number | null;
  changeFromQuantity?: number | null;
};

/**
 * A user error of one item.
 */
export type SimInventoryProblem = { field: string[]; message: string; code: string };

/**
 * Whether the served API version is `first` or later (`unstable` is later than all).
 *
 * @example
 * ```ts
 * sinceVersion('2026-04', '2026-01'); // true
 * ```
 */
export const sinceVersion = (version: string, first: string): boolean => version === 'unstable' || version >= first;

/**
 * The top-level error of a variable field the version's schema does not define.
 *
 * @example
 * ```ts
 * throw undefinedField('InventoryChangeInput', 'InventoryAdjustQuantitiesInput', 'changes.0', 'changeFromQuantity');
 * ```
 */
export function undefinedField(type: string, input: string, path: string, field: string): SimGraphqlError {
  return new SimGraphqlError(
    `Variable $input of type ${input}! was provided invalid value for ${path}.${field} (Field is not defined on ${type})`,
    'INVALID_VARIABLE',
  );
}

/**
 * Runs an inventory mutation the way Shopify does. It is atomic: any user error and nothing is
 * applied. `validate` runs first (the variables against the version's schema and runtime rules);
 * then a duplicate `@idempotent` key is answered from the record (the original answer; a key
 * reused with other variables; from 2026-10 on `inventorySetQuantities`, a key whose attempt
 * failed); then `check` and `apply` run per item.
 *
 * @example
 * ```ts
 * const data = mutateInventory(ctx, 'inventoryAdjustQuantities', changes, 'changes', validate, check, apply);
 * ```
 */
export function mutateInventory(
  ctx: SimResolverContext,
  field: 'inventorySetQuantities' | 'inventoryAdjustQuantities',
  items: SimInventoryItem[],
  listName: 'quantities' | 'changes',
  validate: (item: SimInventoryItem, index: number) => void,
  check: (item: SimInventoryItem, level: SimLevel, index: number) => SimInventoryProblem | undefined,
  apply: (item: SimInventoryItem, level: SimLevel) => number,
): Record<string, unknown> {
  const { state, variables, idempotencyKey, version } = ctx;
  if (sinceVersion(version, '2026-04') && !idempotencyKey) {
    throw new SimGraphqlError(
      `The @idempotent directive is required for ${field} from API version 2026-04.`,
      'BAD_REQUEST',
    );
  }
  items.forEach(validate);
  const cacheKey = idempotencyKey ? `${field}:${idempotencyKey}` : undefined;
  const fingerprint = canonicalJson(variables);
  const refusal = (message: string, code: string) => ({
    [field]: { inventoryAdjustmentGroup: null, userErrors: [{ field: null, message, code }] },
  });
  const remembered = cacheKey ? (state.idempotency.get(cacheKey) as SimIdempotentRecord | undefined) : undefined;
  if (remembered && Date.parse(ctx.now) - remembered.at < IDEMPOTENCY_RETENTION_MS) {
    // Shopify answers a duplicate (same key, same variables) with the original result, applied or
    // refused, and refuses the same key with different variables.
    if (remembered.fingerprint !== fingerprint)
      return refusal(
        'The same idempotency key cannot be used with different operation parameters.',
        'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
      );
    if (remembered.data) return remembered.data;
    // The key's attempt failed inside Shopify. 2026-10 (InventorySetQuantitiesUserErrorCode) refuses
    // the key for good; otherwise the attempt is forgotten and this one runs.
    if (field === 'inventorySetQuantities' && sinceVersion(version, '2026-10')) {
      return refusal(
        'A previous request with this idempotency key failed. Retry with a new idempotency key.',
        'IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED',
      );
    }
  }
  if (cacheKey && ctx.failAttempt?.()) {
    state.idempotency.set(cacheKey, {
      fingerprint,
      failed: true,
      at: Date.parse(ctx.now),
    } satisfies SimIdempotentRecord);
    throw new SimGraphqlError(
      'Internal error. Looks like something went wrong on our end.',
      'INTERNAL_SERVER_ERROR',
      500,
    );
  }
  const remember = (data: Record<string, unknown>) => {
    if (cacheKey)
      state.idempotency.set(cacheKey, { fingerprint, data, at: Date.parse(ctx.now) } satisfies SimIdempotentRecord);
    return data;
  };
  const input = (variables.input ?? {}) as { name?: string; reason?: string };
  const userErrors: unknown[] = [];
  if (input.name !== 'available' && input.name !== 'on_hand') {
    userErrors.push({
      field: ['input', 'name'],
      message: "The quantity name must be either 'available' or 'on_hand'.",
      code: 'INVALID_NAME',
    });
  }
  if (items.length > 250)
    throw new SimGraphqlError(
      `The input array size of ${items.length} is greater than the maximum allowed of 250.`,
      'MAX_INPUT_SIZE_EXCEEDED',
    );
  const seen = new Set<string>();
  const levels = items.map((item, index) => {
    const key = levelKey(gidNumber(item.inventoryItemId), gidNumber(item.locationId));
    const level = state.levels.get(key);
    if (seen.has(key)) {
      userErrors.push({
        field: ['input', listName, String(index)],
        message: 'The combination of inventoryItemId and locationId must be unique.',
        code: 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR',
      });
    }
    seen.add(key);
    if (!level) {
      const known = [...state.variants.values()].some(
        (variant) => variant.inventoryItemId === gidNumber(item.inventoryItemId),
      );
      userErrors.push(
        known
          ? {
              field: ['input', listName, String(index), 'locationId'],
              message: 'The specified inventory item is not stocked at the location.',
              code: 'ITEM_NOT_STOCKED_AT_LOCATION',
            }
          : {
              field: ['input', listName, String(index), 'inventoryItemId'],
              message: 'The specified inventory item could not be found.',
              code: 'INVALID_INVENTORY_ITEM',
            },
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
    return {
      name: 'available',
      delta,
      quantityAfterChange: level.available,
      item: { id: item.inventoryItemId },
      location: { id: item.locationId },
    };
  });
  const data = {
    [field]: {
      inventoryAdjustmentGroup: { id: gid('InventoryAdjustmentGroup', nextId(state)), changes },
      userErrors: [],
    },
  };
  return remember(data);
}
