import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { InventoryQuery } from '../../../core/queries.js';
import type { InventoryLevel } from '../../../model/inventory.js';
import { chunksOf, eachConcurrently } from '../batches.js';
import { ebayItemError, type EbayErrorDetail } from '../errors.js';
import { toEbayInventoryLevels } from '../mapper/inventory.js';
import { bulkGetInventoryItemRequest, EBAY_BULK_MAX } from '../requests/inventory.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayInventoryItem } from '../types.js';

interface BulkGetResponse {
  responses?: { sku?: string; statusCode?: number; inventoryItem?: EbayInventoryItem; errors?: EbayErrorDetail[] }[];
}

/**
 * Stock of SKUs through `bulkGetInventoryItem` (25 SKUs a call): per SKU the ship-to-home total
 * (`EBAY_SHIP_TO_HOME`) and one level per merchant location, or only `query.locationId`. SKUs
 * eBay does not know are left out; any other per-SKU error rejects the read (a stock read must
 * not silently show nothing).
 *
 * @example
 * ```ts
 * const levels = await getInventory(runtime, { skus: ['MUG-1', 'MUG-2'] });
 * ```
 */
export async function getInventory(
  rt: EbayRuntime,
  query: InventoryQuery,
  signal?: AbortSignal,
): Promise<InventoryLevel[]> {
  const skus = [...new Set(query.skus)];
  const now = new Date(rt.context.clock.now()).toISOString();
  const pages = await eachConcurrently(chunksOf(skus, EBAY_BULK_MAX), rt.config.concurrency, async (chunk) => {
    const body = await rt.client.send<BulkGetResponse>(bulkGetInventoryItemRequest(chunk), signal);
    return body?.responses ?? [];
  });
  const levels: InventoryLevel[] = [];
  for (const response of pages.flat()) {
    if (!response.sku) continue;
    if (response.statusCode === 200 && response.inventoryItem) {
      levels.push(...toEbayInventoryLevels(response.sku, response.inventoryItem, now, query.locationId));
      continue;
    }
    const error = ebayItemError(response.statusCode, response.errors ?? [], 'getInventory', response.sku);
    if (error.code === 'not_found') continue;
    throw error instanceof MarketplaceApiError
      ? error
      : new MarketplaceApiError(error.message, { platform: 'ebay', operation: 'getInventory', cause: error });
  }
  return levels;
}
