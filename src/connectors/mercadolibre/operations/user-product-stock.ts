import { toBatchResult, type BatchResult, type ItemOutcome } from '../../../core/batch.js';
import { ConflictError } from '../../../core/errors/conflict-error.js';
import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import { ValidationError } from '../../../core/errors/validation-error.js';
import type { InventoryLevel, InventorySet } from '../../../model/inventory.js';
import type { MercadoLibreStockLocation, MercadoLibreUserProductStock } from '../types/index.js';
import { mapWithConcurrency } from './concurrency.js';
import { asItemError } from './outcomes.js';
import type { MercadoLibreRuntime } from './runtime.js';
import type { SkuEntry } from './sku-index.js';

const EDITABLE = new Set(['seller_warehouse', 'selling_address']);
/** Re-reads of the version after a 409, for writes that do not compare. */
const VERSION_RETRIES = 3;

/**
 * The canonical location id of a user product's stock location: the store id of a warehouse
 * (`seller_warehouse`), else the location type (`selling_address`, `meli_facility`).
 *
 * @example
 * ```ts
 * locationIdOf({ type: 'seller_warehouse', store_id: '9876543', quantity: 15 }); // '9876543'
 * ```
 */
export function locationIdOf(location: MercadoLibreStockLocation): string {
  return location.type === 'seller_warehouse' && location.store_id ? location.store_id : location.type;
}

const versionOf = (version: string | undefined): number => {
  const value = Number(version);
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
};

/**
 * The levels of a user product's stock, one per location, versioned by its `x-version`.
 *
 * @example
 * ```ts
 * const levels = userProductLevels('MUG-1', stock, '7', clock.now());
 * ```
 */
export function userProductLevels(
  sku: string,
  stock: MercadoLibreUserProductStock,
  version: string | undefined,
  now: number,
): InventoryLevel[] {
  return (stock.locations ?? []).map((location) => ({
    sku,
    locationId: locationIdOf(location),
    available: location.quantity,
    reserved: 0,
    onHand: location.quantity,
    updatedAt: new Date(now).toISOString(),
    version: versionOf(version),
  }));
}

async function userProductOf(
  runtime: MercadoLibreRuntime,
  sku: string,
  entry: SkuEntry | undefined,
  signal?: AbortSignal,
): Promise<string> {
  if (!entry)
    throw new NotFoundError(`No MercadoLibre item has SKU ${sku}.`, {
      platform: 'mercadolibre',
      operation: 'setInventory',
    });
  if (entry.userProductId) return entry.userProductId;
  // The index may predate the user product; the item itself says.
  const item = (await runtime.skus.read([entry.itemId], signal))[0];
  const id =
    entry.variationId === undefined
      ? item?.user_product_id
      : item?.variations?.find((variation) => variation.id === entry.variationId)?.user_product_id;
  if (!id)
    throw new ValidationError(
      `stock of ${sku}`,
      [{ path: ['sku'], message: `${entry.itemId} has no user product; write its stock with stock: 'items'.` }],
      { platform: 'mercadolibre', operation: 'setInventory' },
    );
  return id;
}

/**
 * Stock of SKUs per location from their user products (multi-warehouse sellers).
 *
 * @example
 * ```ts
 * const levels = await readUserProductStock(runtime, ['MUG-1'], '9876543', signal);
 * ```
 */
export async function readUserProductStock(
  runtime: MercadoLibreRuntime,
  skus: readonly string[],
  locationId: string | undefined,
  signal?: AbortSignal,
): Promise<InventoryLevel[]> {
  const found = await runtime.skus.resolve(skus, signal);
  const levels = await mapWithConcurrency(skus, runtime.config.concurrency, async (sku) => {
    const entry = found.get(sku);
    if (!entry) return [];
    const { stock, version } = await runtime.client.getUserProductStock(
      await userProductOf(runtime, sku, entry, signal),
      signal,
    );
    return userProductLevels(sku, stock, version, runtime.context.clock.now()).filter(
      (level) => locationId === undefined || level.locationId === locationId,
    );
  });
  return levels.flat();
}

interface Pending {
  index: number;
  update: InventorySet;
}

function targetOf(stock: MercadoLibreUserProductStock, update: InventorySet): MercadoLibreStockLocation {
  const editable = (stock.locations ?? []).filter((location) => EDITABLE.has(location.type));
  const named =
    update.locationId === undefined
      ? undefined
      : (stock.locations ?? []).find((location) => locationIdOf(location) === update.locationId);
  if (named && !EDITABLE.has(named.type)) {
    throw new ValidationError(
      `stock of ${update.sku}`,
      [
        {
          path: ['locationId'],
          message: `${named.type} stock is managed by MercadoLibre (Full) and cannot be written.`,
        },
      ],
      { platform: 'mercadolibre', operation: 'setInventory' },
    );
  }
  const target = named ?? (update.locationId === undefined && editable.length === 1 ? editable[0] : undefined);
  if (!target) {
    const choices = editable.map(locationIdOf).join(', ') || 'none';
    throw new ValidationError(
      `stock of ${update.sku}`,
      [{ path: ['locationId'], message: `Name the location to write (one of: ${choices}).` }],
      { platform: 'mercadolibre', operation: 'setInventory' },
    );
  }
  return target;
}

async function writeUserProduct(
  runtime: MercadoLibreRuntime,
  userProductId: string,
  list: Pending[],
  outcomes: ItemOutcome<InventorySet, InventoryLevel>[],
  signal?: AbortSignal,
): Promise<void> {
  const fail = (pending: Pending, error: unknown) =>
    outcomes.push({
      index: pending.index,
      input: pending.update,
      ok: false,
      error: asItemError(error, 'setInventory'),
    });
  const compares = list.some(
    (pending) => pending.update.expectedVersion !== undefined || pending.update.expectedAvailable !== undefined,
  );
  for (let attempt = 1; ; attempt++) {
    const { stock, version } = await runtime.client.getUserProductStock(userProductId, signal);
    if (version === undefined)
      throw new ConflictError(
        `MercadoLibre sent no x-version for ${userProductId}; its stock cannot be written safely.`,
        { platform: 'mercadolibre', operation: 'setInventory', retryable: true },
      );
    const writes: { pending: Pending; target: MercadoLibreStockLocation }[] = [];
    const refused: { pending: Pending; error: unknown }[] = [];
    for (const pending of list) {
      try {
        const target = targetOf(stock, pending.update);
        const { expectedVersion, expectedAvailable } = pending.update;
        if (
          (expectedVersion !== undefined && expectedVersion !== versionOf(version)) ||
          (expectedAvailable !== undefined && expectedAvailable !== target.quantity)
        ) {
          throw new ConflictError(
            `Stock of ${pending.update.sku} at ${locationIdOf(target)} changed (version ${versionOf(version)}, ${target.quantity} available); read it again and decide.`,
            { platform: 'mercadolibre', operation: 'setInventory' },
          );
        }
        writes.push({ pending, target });
      } catch (error) {
        refused.push({ pending, error });
      }
    }
    if (writes.length === 0) {
      for (const { pending, error } of refused) fail(pending, error);
      return;
    }
    const warehouses = writes.filter(({ target }) => target.type === 'seller_warehouse');
    try {
      const answer =
        warehouses.length > 0
          ? await runtime.client.updateUserProductStock(
              userProductId,
              'seller_warehouse',
              {
                locations: warehouses.map(({ pending, target }) => ({
                  store_id: target.store_id!,
                  ...(target.network_node_id ? { network_node_id: target.network_node_id } : {}),
                  quantity: pending.update.quantity,
                })),
              },
              version,
              signal,
            )
          : await runtime.client.updateUserProductStock(
              userProductId,
              'selling_address',
              { quantity: writes[writes.length - 1]!.pending.update.quantity },
              version,
              signal,
            );
      const written = versionOf(answer.version) || versionOf(version) + 1;
      for (const { pending, target } of writes) {
        outcomes.push({
          index: pending.index,
          input: pending.update,
          ok: true,
          value: {
            sku: pending.update.sku,
            locationId: locationIdOf(target),
            available: pending.update.quantity,
            reserved: 0,
            onHand: pending.update.quantity,
            updatedAt: new Date(runtime.context.clock.now()).toISOString(),
            version: written,
          },
        });
      }
      for (const { pending, error } of refused) fail(pending, error);
      return;
    } catch (error) {
      // A 409 means someone wrote since the read. Absolute writes that compare nothing read the
      // new version and write again; compare-and-set writes report the conflict.
      if (isMarketbridgeError(error, 'conflict') && !compares && attempt < VERSION_RETRIES) continue;
      for (const refusal of refused) fail(refusal.pending, refusal.error);
      throw error;
    }
  }
}

/**
 * Absolute stock writes through user products (multi-warehouse sellers): per user product, the
 * stock and its `x-version` are read, each SKU's location is chosen (its `locationId`, a store
 * id or `selling_address`; or the only editable location), `expectedVersion` and
 * `expectedAvailable` are compared, and one `PUT .../stock/type/{type}` with that version
 * writes them, so a concurrent change is refused with 409 rather than overwritten. Per item:
 * `ConflictError` (stale version or quantity), `ValidationError` (no such location, Full
 * stock, no user product), `NotFoundError` (unknown SKU).
 *
 * @example
 * ```ts
 * await setUserProductStock(runtime, [{ sku: 'MUG-1', locationId: '9876543', quantity: 8, expectedVersion: 7 }], signal);
 * ```
 */
export async function setUserProductStock(
  runtime: MercadoLibreRuntime,
  updates: readonly InventorySet[],
  signal?: AbortSignal,
): Promise<BatchResult<InventorySet, InventoryLevel>> {
  const outcomes: ItemOutcome<InventorySet, InventoryLevel>[] = [];
  const found = await runtime.skus.resolve(
    updates.map((update) => update.sku),
    signal,
  );
  const groups = new Map<string, Pending[]>();
  await mapWithConcurrency([...updates.entries()], runtime.config.concurrency, async ([index, update]) => {
    try {
      const userProductId = await userProductOf(runtime, update.sku, found.get(update.sku), signal);
      const list = groups.get(userProductId) ?? [];
      list.push({ index, update });
      groups.set(userProductId, list);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      outcomes.push({ index, input: update, ok: false, error: asItemError(error, 'setInventory') });
    }
  });
  await mapWithConcurrency([...groups.entries()], runtime.config.concurrency, async ([userProductId, list]) => {
    try {
      await writeUserProduct(runtime, userProductId, list, outcomes, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const settled = new Set(outcomes.map((outcome) => outcome.index));
      for (const pending of list)
        if (!settled.has(pending.index))
          outcomes.push({
            index: pending.index,
            input: pending.update,
            ok: false,
            error: asItemError(error, 'setInventory'),
          });
    }
  });
  return toBatchResult(outcomes);
}
