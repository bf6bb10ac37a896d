import type { CreatorsApiClient } from '../client.js';
import { CREATORS_MAX_ITEM_IDS } from '../client.js';
import type { CatalogRecord } from '../mapper.js';
import type { CatalogSource } from './types.js';

/**
 * The Creators API as a catalog source (10 ASINs a call).
 *
 * @example
 * ```ts
 * const source = creatorsSource(creators, { ttlMs: 3_600_000 });
 * ```
 */
export function creatorsSource(client: Pick<CreatorsApiClient, 'getItems'>, options: { name?: string; ttlMs?: number; accuracy?: number } = {}): CatalogSource {
  return {
    name: options.name ?? 'creators-api',
    maxBatch: CREATORS_MAX_ITEM_IDS,
    // Offers change often: an hour by default.
    ttlMs: options.ttlMs ?? 3_600_000,
    accuracy: options.accuracy ?? 0.9,
    fetch: (ids, signal) => client.getItems(ids, signal ? { signal } : {}),
  };
}

/**
 * What {@link spApiCatalogSource} needs from the SP-API client.
 *
 * @example
 * ```ts
 * const client: SpApiCatalogClient = amazon.client;
 * ```
 */
export interface SpApiCatalogClient {
  /** `searchCatalogItems` of the SP-API Catalog Items API. */
  searchCatalogItems<T>(options: { identifiers?: readonly string[]; identifiersType?: 'ASIN'; includedData?: readonly string[] }, signal?: AbortSignal): Promise<T>;
}

interface CatalogItem {
  asin: string;
  summaries?: { itemName?: string; brand?: string; brandName?: string }[];
  images?: { images?: { link?: string }[] }[];
}

/**
 * The SP-API Catalog Items API as a catalog source (20 ASINs a call via `searchCatalogItems`).
 * It has no prices; the Creators API or the seller's own listings provide those.
 *
 * @example
 * ```ts
 * const source = spApiCatalogSource(amazon.client);
 * ```
 */
export function spApiCatalogSource(client: SpApiCatalogClient, options: { name?: string; ttlMs?: number; accuracy?: number } = {}): CatalogSource {
  return {
    name: options.name ?? 'sp-api-catalog',
    maxBatch: 20,
    // Catalog facts (title, brand, images) change rarely: a day by default.
    ttlMs: options.ttlMs ?? 86_400_000,
    accuracy: options.accuracy ?? 0.95,
    async fetch(ids, signal) {
      const body = await client.searchCatalogItems<{ items?: CatalogItem[] }>({ identifiers: ids, identifiersType: 'ASIN', includedData: ['summaries', 'images'] }, signal);
      const out = new Map<string, CatalogRecord>();
      for (const item of body.items ?? []) {
        const summary = item.summaries?.[0];
        const image = item.images?.[0]?.images?.[0]?.link;
        const record: CatalogRecord = { id: item.asin, url: `https://www.amazon.com/dp/${item.asin}` };
        if (summary?.itemName) record.title = summary.itemName;
        if (summary?.brand ?? summary?.brandName) record.brand = (summary.brand ?? summary.brandName)!;
        if (image) record.images = [image];
        out.set(item.asin, record);
      }
      return out;
    },
  };
}

/**
 * Checks and freezes a host-provided source.
 *
 * @example
 * ```ts
 * const pim = defineCatalogSource({ name: 'pim', maxBatch: 100, ttlMs: 86_400_000, accuracy: 0.8, fetch: loadFromPim });
 * ```
 */
export function defineCatalogSource(source: CatalogSource): CatalogSource {
  return Object.freeze({ ...source });
}
