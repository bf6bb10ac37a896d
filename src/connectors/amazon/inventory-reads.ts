import type { InventoryQuery } from '../../core/queries.js';
import type { InventoryLevel } from '../../model/inventory.js';
import type { SpApiClient } from './client.js';
import {
  amazonStockPool,
  fromListingFulfillment,
  fromSpApiInventorySummary,
  mfnLocationId,
  afnLocationId,
  type SpApiInventorySummary,
} from './mapper/inventory.js';
import type { SpApiListingsItem } from './mapper/listings.js';
import { FBA_INVENTORY_MAX_SKUS } from './requests/inventory.js';
import { LISTINGS_SEARCH_MAX_IDENTIFIERS } from './requests/listings.js';

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/**
 * Merchant-fulfilled levels by SKU, from the listings (`fulfillmentAvailability`), 20 SKUs a
 * call; every 50 SKUs found with an Amazon channel are handed to `onFba` at once, so their FBA
 * reads (a bucket of their own) run while the listing reads go on.
 */
async function readListings(
  client: SpApiClient,
  skus: readonly string[],
  now: number,
  onFba: (skus: string[]) => void,
  signal?: AbortSignal,
): Promise<Map<string, InventoryLevel[]>> {
  const mfn = new Map<string, InventoryLevel[]>();
  let fba: string[] = [];
  for (const chunk of chunks(skus, LISTINGS_SEARCH_MAX_IDENTIFIERS)) {
    let pageToken: string | undefined;
    do {
      const page = await client.searchListingsItems<{
        items?: SpApiListingsItem[];
        pagination?: { nextToken?: string };
      }>(
        {
          identifiers: chunk,
          identifiersType: 'SKU',
          includedData: ['summaries', 'fulfillmentAvailability'],
          pageSize: LISTINGS_SEARCH_MAX_IDENTIFIERS,
          ...(pageToken ? { pageToken } : {}),
        },
        signal,
      );
      for (const item of page.items ?? []) {
        if (typeof item?.sku !== 'string' || !chunk.includes(item.sku)) continue;
        const { levels, fulfilledByAmazon } = fromListingFulfillment(item, now);
        mfn.set(item.sku, levels);
        if (fulfilledByAmazon) fba.push(item.sku);
      }
      pageToken = page.pagination?.nextToken;
    } while (pageToken);
    if (fba.length >= FBA_INVENTORY_MAX_SKUS) {
      onFba(fba.slice(0, FBA_INVENTORY_MAX_SKUS));
      fba = fba.slice(FBA_INVENTORY_MAX_SKUS);
    }
  }
  if (fba.length > 0) onFba(fba);
  return mfn;
}

/** FBA levels of at most 50 SKUs, from FBA inventory summaries (every page). */
async function readFba(
  client: SpApiClient,
  skus: readonly string[],
  now: number,
  signal?: AbortSignal,
): Promise<InventoryLevel[]> {
  const levels: InventoryLevel[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.getInventorySummaries<{ inventorySummaries: SpApiInventorySummary[] }>(
      skus,
      nextToken,
      signal,
    );
    for (const summary of page.payload?.inventorySummaries ?? []) {
      const level = fromSpApiInventorySummary(summary, client.marketplaceId, now);
      if (level) levels.push(level);
    }
    nextToken = page.pagination?.nextToken;
  } while (nextToken);
  return levels;
}

/**
 * Stock of SKUs from the pool each one sells from: merchant-fulfilled quantities from the
 * listing (`MFN:<channel>`, what `setInventory` writes) and FBA quantities from FBA inventory
 * (`AFN:<marketplaceId>`), each level saying which by its location id. FBA inventory is only
 * asked about SKUs whose listing has an Amazon channel (or when the query asks for an `AFN:`
 * location), so a merchant-fulfilled seller makes no FBA calls; those reads run alongside the
 * listing reads (each operation has its own usage plan), so 10,000 FBA SKUs take as long as the
 * 500 listing searches. Per SKU, merchant levels come first. SKUs with no listing in the store
 * have no level.
 */
export async function readInventory(
  client: SpApiClient,
  query: InventoryQuery,
  now: number,
  signal?: AbortSignal,
): Promise<InventoryLevel[]> {
  const skus = [...new Set(query.skus)];
  const pool = query.locationId === undefined ? undefined : amazonStockPool(query.locationId);
  const wanted =
    pool === undefined
      ? undefined
      : pool.network === 'AFN'
        ? afnLocationId(pool.marketplaceId)
        : mfnLocationId(pool.channelCode);
  const fbaReads: Promise<InventoryLevel[]>[] = [];
  const readFbaOf = (batch: string[]) => {
    const read = readFba(client, batch, now, signal);
    // Settled below with the others; a failure must not go unhandled while listing reads go on.
    read.catch(() => undefined);
    fbaReads.push(read);
  };
  let mfn = new Map<string, InventoryLevel[]>();
  if (pool?.network === 'AFN') for (const batch of chunks(skus, FBA_INVENTORY_MAX_SKUS)) readFbaOf(batch);
  else mfn = await readListings(client, skus, now, pool?.network === 'MFN' ? () => {} : readFbaOf, signal);
  const fba = new Map((await Promise.all(fbaReads)).flat().map((level) => [level.sku, level]));
  return skus
    .flatMap((sku) => [...(mfn.get(sku) ?? []), ...(fba.has(sku) ? [fba.get(sku)!] : [])])
    .filter((level) => wanted === undefined || level.locationId === wanted);
}
