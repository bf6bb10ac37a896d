import { toBatchResult, type BatchResult, type ItemOutcome } from '../../../core/batch.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import type { InventoryLevel, InventorySet } from '../../../model/inventory.js';
import type { MercadoLibreItem } from '../types/index.js';
import { mapWithConcurrency } from './concurrency.js';
import { asItemError } from './outcomes.js';
import type { MercadoLibreRuntime } from './runtime.js';
import type { SkuEntry } from './sku-index.js';

/**
 * The location of stock kept on the item (`available_quantity`): MercadoLibre has one number
 * per item or variation for sellers without multi-warehouse stock.
 *
 * @example
 * ```ts
 * await marketplace.setInventory([{ sku: 'MUG-1', locationId: MERCADOLIBRE_ITEM_LOCATION, quantity: 5 }]);
 * ```
 *
 * @category Operations
 */
export const MERCADOLIBRE_ITEM_LOCATION = 'default';

/**
 * The stock level of a SKU on its item or variation.
 *
 * @example
 * ```ts
 * const level = itemLevelOf(entry, item, clock.now());
 * ```
 */
export function itemLevelOf(
  sku: string,
  item: MercadoLibreItem,
  variationId: number | undefined,
  now: number,
): InventoryLevel | undefined {
  const variation =
    variationId === undefined ? undefined : item.variations?.find((candidate) => candidate.id === variationId);
  if (variationId !== undefined && !variation) return undefined;
  const available = variation ? variation.available_quantity : item.available_quantity;
  return {
    sku,
    locationId: MERCADOLIBRE_ITEM_LOCATION,
    available,
    reserved: 0,
    onHand: available,
    updatedAt: item.last_updated ? new Date(item.last_updated).toISOString() : new Date(now).toISOString(),
    version: 0,
  };
}

/**
 * Stock of SKUs kept on items, read fresh (multiget, 20 items a call).
 *
 * @example
 * ```ts
 * const levels = await readItemStock(runtime, ['MUG-1'], signal);
 * ```
 */
export async function readItemStock(
  runtime: MercadoLibreRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<InventoryLevel[]> {
  const found = await runtime.skus.resolve(skus, signal);
  const items = new Map(
    (await runtime.skus.read([...new Set([...found.values()].map((entry) => entry.itemId))], signal)).map((item) => [
      item.id,
      item,
    ]),
  );
  const levels: InventoryLevel[] = [];
  for (const sku of skus) {
    const entry = found.get(sku);
    const item = entry && items.get(entry.itemId);
    const level = item && itemLevelOf(sku, item, entry.variationId, runtime.context.clock.now());
    if (level) levels.push(level);
  }
  return levels;
}

interface Pending {
  index: number;
  update: InventorySet;
  entry: SkuEntry;
}

/**
 * Absolute stock writes on items: `PUT /items/{id}` with `available_quantity`, one call per
 * item without variations; for items with variations one call per item carrying every
 * variation id (read fresh first: MercadoLibre deletes the variations a write leaves out)
 * and the new quantity of each SKU written. A quantity of 0 pauses the listing
 * (`out_of_stock`); MercadoLibre reactivates it when stock returns. Per item: `NotFoundError`
 * (unknown SKU or variation), MercadoLibre's refusals (a closed item).
 *
 * @example
 * ```ts
 * await setItemStock(runtime, [{ sku: 'MUG-1', quantity: 12 }], signal);
 * ```
 */
export async function setItemStock(
  runtime: MercadoLibreRuntime,
  updates: readonly InventorySet[],
  signal?: AbortSignal,
): Promise<BatchResult<InventorySet, InventoryLevel>> {
  const outcomes: ItemOutcome<InventorySet, InventoryLevel>[] = [];
  const fail = (index: number, update: InventorySet, error: unknown) =>
    outcomes.push({ index, input: update, ok: false, error: asItemError(error, 'setInventory') });
  const found = await runtime.skus.resolve(
    updates.map((update) => update.sku),
    signal,
  );
  const groups = new Map<string, Pending[]>();
  updates.forEach((update, index) => {
    const entry = found.get(update.sku);
    if (!entry) {
      fail(
        index,
        update,
        new NotFoundError(`No MercadoLibre item has SKU ${update.sku}.`, {
          platform: 'mercadolibre',
          operation: 'setInventory',
        }),
      );
      return;
    }
    const list = groups.get(entry.itemId) ?? [];
    list.push({ index, update, entry });
    groups.set(entry.itemId, list);
  });
  const withVariations = [...groups.entries()]
    .filter(([, list]) => list[0]!.entry.variationId !== undefined)
    .map(([itemId]) => itemId);
  const fresh = new Map<string, MercadoLibreItem>(
    (withVariations.length ? await runtime.skus.read(withVariations, signal) : []).map((item) => [item.id, item]),
  );
  const level = (pending: Pending): InventoryLevel => ({
    sku: pending.update.sku,
    locationId: MERCADOLIBRE_ITEM_LOCATION,
    available: pending.update.quantity,
    reserved: 0,
    onHand: pending.update.quantity,
    updatedAt: new Date(runtime.context.clock.now()).toISOString(),
    version: 0,
  });
  await mapWithConcurrency([...groups.entries()], runtime.config.concurrency, async ([itemId, list]) => {
    let writable = list;
    try {
      if (list[0]!.entry.variationId === undefined) {
        await runtime.client.updateItem(itemId, { available_quantity: list[list.length - 1]!.update.quantity }, signal);
      } else {
        const item = fresh.get(itemId);
        if (!item)
          throw new NotFoundError(`MercadoLibre item ${itemId} no longer exists.`, {
            platform: 'mercadolibre',
            operation: 'setInventory',
          });
        const quantities = new Map(list.map((pending) => [pending.entry.variationId!, pending.update.quantity]));
        const ids = new Set((item.variations ?? []).map((variation) => variation.id));
        writable = list.filter((pending) => {
          if (ids.has(pending.entry.variationId!)) return true;
          fail(
            pending.index,
            pending.update,
            new NotFoundError(
              `Variation ${pending.entry.variationId} of ${itemId} (SKU ${pending.update.sku}) no longer exists.`,
              { platform: 'mercadolibre', operation: 'setInventory' },
            ),
          );
          return false;
        });
        if (writable.length === 0) return;
        const variations = (item.variations ?? []).map((variation) =>
          quantities.has(variation.id)
            ? { id: variation.id, available_quantity: quantities.get(variation.id) }
            : { id: variation.id },
        );
        await runtime.client.updateItem(itemId, { variations }, signal);
      }
      for (const pending of writable)
        outcomes.push({ index: pending.index, input: pending.update, ok: true, value: level(pending) });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      for (const pending of writable) fail(pending.index, pending.update, error);
    }
  });
  return toBatchResult(outcomes);
}
