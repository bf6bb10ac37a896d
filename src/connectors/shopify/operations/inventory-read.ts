import type { InventoryQuery } from '../../../core/queries.js';
import type { InventoryLevel } from '../../../model/inventory.js';
import { SHOPIFY_SINGLE_QUERY_MAX_COST } from '../cost-planner.js';
import { INVENTORY_ALL_LOCATIONS_QUERY, INVENTORY_AT_LOCATION_QUERY } from '../documents.js';
import { toGid } from '../gid.js';
import { toInventoryLevel } from '../mapper.js';
import { largestPageWithin } from '../query-cost.js';
import type { ShopifyRuntime } from '../runtime.js';
import { skuSearch } from '../sku-search.js';
import { chunk } from '../batching.js';
import type { ShopifyConnection, ShopifyInventoryLevelNode } from '../types.js';

/**
 * What a read found for one SKU at one location: its inventory item and the level there
 * (null when the item is not stocked at the location).
 */
export interface SkuAtLocation {
  inventoryItemId: string;
  level: ShopifyInventoryLevelNode | null;
}

interface AtLocationNode {
  sku: string;
  inventoryItem: { id: string; inventoryLevel: ShopifyInventoryLevelNode | null };
}

interface AllLocationsNode {
  sku: string;
  inventoryItem: { id: string; inventoryLevels: { nodes: ShopifyInventoryLevelNode[] } };
}

/** Locations read per variant when no location is named. */
const LEVELS_PER_ITEM = 10;

/**
 * The most SKUs one stock read at a location can ask for within the single-query maximum.
 *
 * @example
 * ```ts
 * readPageSize(); // 199
 * ```
 */
export function readPageSize(): number {
  return largestPageWithin(
    INVENTORY_AT_LOCATION_QUERY,
    { query: '', locationId: '' },
    'first',
    SHOPIFY_SINGLE_QUERY_MAX_COST,
  );
}

/**
 * Reads stock of `skus` at one location, a page of SKUs per call (each call within the
 * single-query maximum). SKUs Shopify does not know are absent from the map.
 *
 * @example
 * ```ts
 * const found = await readAtLocation(runtime, ['A-1'], 'gid://shopify/Location/1', 'setInventory');
 * ```
 */
export async function readAtLocation(
  runtime: ShopifyRuntime,
  skus: readonly string[],
  locationId: string,
  operation: string,
  signal?: AbortSignal,
): Promise<Map<string, SkuAtLocation>> {
  const found = new Map<string, SkuAtLocation>();
  for (const part of chunk(skus, readPageSize())) {
    const wanted = new Set(part);
    const pages = runtime.client.paginate<{ productVariants: ShopifyConnection<AtLocationNode> }, AtLocationNode>(
      INVENTORY_AT_LOCATION_QUERY,
      { first: part.length, query: skuSearch(part), locationId },
      (data) => data.productVariants,
      { operation, ...(signal ? { signal } : {}) },
    );
    // Shopify's search is tokenised and case-insensitive, so it can match more than the exact SKU.
    for await (const node of pages) {
      if (wanted.has(node.sku) && !found.has(node.sku))
        found.set(node.sku, { inventoryItemId: node.inventoryItem.id, level: node.inventoryItem.inventoryLevel });
    }
  }
  return found;
}

/**
 * Stock levels of SKUs at one location or at every location.
 *
 * @example
 * ```ts
 * const levels = await getInventory(runtime, { skus: ['A-1'], locationId: '1' });
 * ```
 */
export async function getInventory(
  runtime: ShopifyRuntime,
  query: InventoryQuery,
  signal?: AbortSignal,
): Promise<InventoryLevel[]> {
  const levels: InventoryLevel[] = [];
  const push = (sku: string, level: ShopifyInventoryLevelNode) => {
    const mapped = toInventoryLevel(sku, level);
    if (mapped.isOk()) levels.push(mapped.value);
    else runtime.context.logger.warn(`Skipped a Shopify inventory level: ${mapped.error.message}`);
  };
  const skus = [...new Set(query.skus)];
  if (query.locationId) {
    const found = await readAtLocation(runtime, skus, toGid('Location', query.locationId), 'getInventory', signal);
    for (const sku of skus) {
      const level = found.get(sku)?.level;
      if (level) push(sku, level);
    }
    return levels;
  }
  const size = largestPageWithin(
    INVENTORY_ALL_LOCATIONS_QUERY,
    { query: '', levels: LEVELS_PER_ITEM },
    'first',
    SHOPIFY_SINGLE_QUERY_MAX_COST,
  );
  for (const part of chunk(skus, size)) {
    const wanted = new Set(part);
    const pages = runtime.client.paginate<{ productVariants: ShopifyConnection<AllLocationsNode> }, AllLocationsNode>(
      INVENTORY_ALL_LOCATIONS_QUERY,
      { first: part.length, query: skuSearch(part), levels: LEVELS_PER_ITEM },
      (data) => data.productVariants,
      { operation: 'getInventory', ...(signal ? { signal } : {}) },
    );
    for await (const node of pages) {
      if (!wanted.has(node.sku)) continue;
      wanted.delete(node.sku);
      for (const level of node.inventoryItem.inventoryLevels.nodes) push(node.sku, level);
    }
  }
  return levels;
}
