import { toBatchResult, type BatchResult, type ItemOutcome } from '../../../core/batch.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import type { InventoryLevel, InventorySet } from '../../../model/inventory.js';
import type { Offer, PriceUpdate } from '../../../model/offer.js';
import { EBAY_SHIP_TO_HOME } from '../mapper/inventory.js';
import type { EbayRuntime } from '../runtime.js';
import { checkPriceQuantityBatch, updatePriceQuantity, type EbayPriceQuantityUpdate } from './price-quantity.js';

interface Options {
  signal?: AbortSignal;
  onProgress?: (done: number, failed: number, total: number) => void;
}

/**
 * The canonical `updatePrices` on eBay: each SKU's offer price through `bulkUpdatePriceQuantity`.
 * A compare-at price cannot be set that way, so it is refused up front (use upsertProducts).
 *
 * @example
 * ```ts
 * await setPrices(runtime, [{ sku: 'MUG-1', price: money(1299, 'USD') }]);
 * ```
 */
export async function setPrices(
  rt: EbayRuntime,
  updates: readonly PriceUpdate[],
  options: Options = {},
): Promise<BatchResult<PriceUpdate, Offer>> {
  const refused: ValidationIssue[] = updates.flatMap((update, index) =>
    update.compareAtPrice !== undefined
      ? [
          {
            path: [index, 'compareAtPrice'],
            message:
              'bulkUpdatePriceQuantity sets the price only; change the original retail price with upsertProducts.',
          },
        ]
      : [],
  );
  if (refused.length > 0)
    throw new ValidationError('input of updatePrices()', refused, { platform: 'ebay', operation: 'updatePrices' });
  const changes = updates.map((update) => ({ sku: update.sku, price: update.price }));
  checkPriceQuantityBatch(rt, changes, 'updatePrices');
  const result = await updatePriceQuantity(rt, changes, {
    operation: 'updatePrices',
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (done, failed) => options.onProgress?.(done, failed, changes.length),
  });
  const known = await rt.offers.getMany(updates.map((update) => update.sku));
  return toBatchResult(
    result.items.map((item): ItemOutcome<PriceUpdate, Offer> => {
      const input = updates[item.index]!;
      if (!item.ok) return { index: item.index, input, ok: false, error: item.error };
      const offerId = known.get(input.sku)?.offerId;
      return {
        index: item.index,
        input,
        ok: true,
        value: {
          sku: input.sku,
          ...(offerId ? { externalId: offerId } : {}),
          price: input.price,
          condition: 'new',
          options: {},
        },
      };
    }),
  );
}

/**
 * The canonical `setInventory` on eBay: writes of one SKU are combined into one
 * `bulkUpdatePriceQuantity` entry (the ship-to-home total, or merchant locations whose sum
 * becomes the total). Refused up front: compare-and-set values (eBay has none), the same SKU and
 * location twice, a total and locations of one SKU together, SKUs over 50 characters.
 *
 * @example
 * ```ts
 * await setStock(runtime, [{ sku: 'MUG-1', quantity: 4 }, { sku: 'MUG-2', locationId: 'WH-1', quantity: 0 }]);
 * ```
 */
export async function setStock(
  rt: EbayRuntime,
  updates: readonly InventorySet[],
  options: Options = {},
): Promise<BatchResult<InventorySet, InventoryLevel>> {
  const issues: ValidationIssue[] = [];
  const bySku = new Map<string, { change: EbayPriceQuantityUpdate; indexes: number[] }>();
  for (const [index, update] of updates.entries()) {
    if (update.expectedVersion !== undefined || update.expectedAvailable !== undefined) {
      issues.push({
        path: [index, 'expectedVersion'],
        message:
          'eBay has no compare-and-set for stock; send absolute quantities without expectedVersion/expectedAvailable.',
      });
      continue;
    }
    if (update.sku.length > 50) issues.push({ path: [index, 'sku'], message: 'eBay SKUs have at most 50 characters.' });
    const location =
      update.locationId === undefined || update.locationId === EBAY_SHIP_TO_HOME ? undefined : update.locationId;
    const entry = bySku.get(update.sku) ?? { change: { sku: update.sku }, indexes: [] };
    const { change } = entry;
    const taken =
      location === undefined
        ? change.quantity !== undefined || change.locations !== undefined
        : change.quantity !== undefined || change.locations?.[location] !== undefined;
    if (taken) {
      issues.push({
        path: [index, 'locationId'],
        message: `Another item already sets ${update.sku}${location ? ` at ${location}` : ''} or its total; send one quantity per SKU and location, and not both a total and locations.`,
      });
      continue;
    }
    if (location === undefined) change.quantity = update.quantity;
    else change.locations = { ...change.locations, [location]: update.quantity };
    entry.indexes.push(index);
    bySku.set(update.sku, entry);
  }
  if (issues.length > 0)
    throw new ValidationError('input of setInventory()', issues, { platform: 'ebay', operation: 'setInventory' });
  const groups = [...bySku.values()];
  const result = await updatePriceQuantity(
    rt,
    groups.map((group) => group.change),
    {
      operation: 'setInventory',
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (done, failed) => options.onProgress?.(done, failed, groups.length),
    },
  );
  const now = new Date(rt.context.clock.now()).toISOString();
  const outcomes: ItemOutcome<InventorySet, InventoryLevel>[] = [];
  for (const item of result.items) {
    for (const index of groups[item.index]!.indexes) {
      const input = updates[index]!;
      const locationId = input.locationId ?? EBAY_SHIP_TO_HOME;
      outcomes.push(
        item.ok
          ? {
              index,
              input,
              ok: true,
              value: {
                sku: input.sku,
                locationId,
                available: input.quantity,
                reserved: 0,
                onHand: input.quantity,
                updatedAt: now,
                version: input.quantity,
              },
            }
          : { index, input, ok: false, error: item.error },
      );
    }
  }
  return toBatchResult(outcomes);
}
