import type { InventoryQuery } from '../../core/queries.js';
import type { InventoryLevel } from '../../model/inventory.js';
import type { SpApiClient } from './client.js';
import { amazonStockPool, fromListingFulfillment, fromSpApiInventorySummary, mfnLocationId, afnLocationId, type SpApiInventorySummary } from './mapper/inventory.js';
import type { SpApiListingsItem } from './mapper/listings.js';
import { FBA_INVENTORY_MAX_SKUS } from './requests/inventory.js';
import { LISTINGS_SEARCH_MAX_IDENTIFIERS } from './requests/listings.js';

const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/** Merchant-fulfilled levels by SKU, from the listings (`fulfillmentAvailability`), 20 SKUs a call; and the SKUs Amazon fulfils. */
async function readListings(client: SpApiClient, skus: readonly string[], now: number, signal?: AbortSignal): Promise<{ mfn: Map<string, InventoryLevel[]>; fba: Set<string> }> {
  const mfn = new Map<string, InventoryLevel[]>();
  const fba = new Set<string>();
  for (const chunk of chunks(skus, LISTINGS_SEARCH_MAX_IDENTIFIERS)) {
    let pageToken: string | undefined;
    do {
      const page = await client.searchListingsItems<{ items?: SpApiListingsItem[]; pagination?: { nextToken?: string } }>(
        { identifiers: chunk, identifiersType: 'SKU', includedData: ['summaries', 'fulfillmentAvailability'], pageSize: LISTINGS_SEARCH_MAX_IDENTIFIERS, ...(pageToken ? { pageToken } : {}) },
        signal,
      );
      for (const item of page.items ?? []) {
        const { levels, fulfilledByAmazon } = fromListingFulfillment(item, now);
        mfn.set(item.sku, levels);
        if (fulfilledByAmazon) fba.add(item.sku);
      }
      pageToken = page.pagination?.nextToken;
    } while (pageToken);
  }
  return { mfn, fba };
}

/** FBA levels by SKU, from FBA inventory summaries, 50 SKUs a call. */
async function readFba(client: SpApiClient, skus: readonly string[], now: number, signal?: AbortSignal): Promise<Map<string, InventoryLevel>> {
  const levels = new Map<string, InventoryLevel>();
  for (const chunk of chunks(skus, FBA_INVENTORY_MAX_SKUS)) {
    let nextToken: string | undefined;
    do {
      const page = await client.getInventorySummaries<{ inventorySummaries: SpApiInventorySummary[] }>(chunk, nextToken, signal);
      for (const summary of page.payload?.inventorySummaries ?? []) {
        const level = fromSpApiInventorySummary(summary, client.marketplaceId, now);
        if (level) levels.set(level.sku, level);
      }
      nextToken = page.pagination?.nextToken;
    } while (nextToken);
  }
  return levels;
}

/**
 * Stock of SKUs from the pool each one sells from: merchant-fulfilled quantities from the
 * listing (`MFN:<channel>`, what `setInventory` writes) and FBA quantities from FBA inventory
 * (`AFN:<marketplaceId>`), each level saying which by its location id. FBA inventory is only
 * asked about SKUs whose listing has an Amazon channel (or when the query asks for an `AFN:`
 * location), so a merchant-fulfilled seller makes no FBA calls. Per SKU, merchant levels come
 * first. SKUs with no listing in the store have no level.
 */
export async function readInventory(client: SpApiClient, query: InventoryQuery, now: number, signal?: AbortSignal): Promise<InventoryLevel[]> {
  const skus = [...new Set(query.skus)];
  const pool = query.locationId === undefined ? undefined : amazonStockPool(query.locationId);
  const wanted = pool === undefined ? undefined : pool.network === 'AFN' ? afnLocationId(pool.marketplaceId) : mfnLocationId(pool.channelCode);
  const listings = pool?.network === 'AFN' ? { mfn: new Map<string, InventoryLevel[]>(), fba: new Set(skus) } : await readListings(client, skus, now, signal);
  const fba = pool?.network === 'MFN' ? new Map<string, InventoryLevel>() : await readFba(client, skus.filter((sku) => listings.fba.has(sku)), now, signal);
  return skus.flatMap((sku) => [...(listings.mfn.get(sku) ?? []), ...(fba.has(sku) ? [fba.get(sku)!] : [])]).filter((level) => wanted === undefined || level.locationId === wanted);
}
