import { productPageUrl } from '../../amazon/endpoints.js';
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
 *
 * @category Operations
 */
export function creatorsSource(
  client: Pick<CreatorsApiClient, 'getItems'>,
  options: { name?: string; ttlMs?: number; accuracy?: number; dailyQuota?: number } = {},
): CatalogSource {
  return {
    name: options.name ?? 'creators-api',
    ...(options.dailyQuota !== undefined ? { dailyQuota: options.dailyQuota } : {}),
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
 * @category Operations
 */
export interface SpApiCatalogClient {
  /** The store the client reads (its product pages are on that store's domain). */
  readonly marketplaceId: string;
  /** `searchCatalogItems` of the SP-API Catalog Items API. */
  searchCatalogItems<T>(
    options: { identifiers?: readonly string[]; identifiersType?: 'ASIN'; includedData?: readonly string[] },
    signal?: AbortSignal,
  ): Promise<T>;
}

interface CatalogItem {
  asin: string;
  summaries?: { marketplaceId?: string; itemName?: string; brand?: string; brandName?: string }[];
  images?: { marketplaceId?: string; images?: { link?: string }[] }[];
}

/**
 * The SP-API Catalog Items API as a catalog source (20 ASINs a call via `searchCatalogItems`),
 * read in the client's store: the summary and images of that marketplace, and the product page
 * on that store's own domain (`https://www.amazon.de/dp/…` for Germany; none for a marketplace
 * id it does not know). It has no prices; the Creators API or the seller's own listings provide
 * those.
 *
 * @example
 * ```ts
 * const source = spApiCatalogSource(amazon.client);
 * ```
 *
 * @category Operations
 */
export function spApiCatalogSource(
  client: SpApiCatalogClient,
  options: { name?: string; ttlMs?: number; accuracy?: number; dailyQuota?: number } = {},
): CatalogSource {
  return {
    name: options.name ?? 'sp-api-catalog',
    ...(options.dailyQuota !== undefined ? { dailyQuota: options.dailyQuota } : {}),
    maxBatch: 20,
    // Catalog facts (title, brand, images) change rarely: a day by default.
    ttlMs: options.ttlMs ?? 86_400_000,
    accuracy: options.accuracy ?? 0.95,
    async fetch(ids, signal) {
      const body = await client.searchCatalogItems<{ items?: CatalogItem[] }>(
        { identifiers: ids, identifiersType: 'ASIN', includedData: ['summaries', 'images'] },
        signal,
      );
      const out = new Map<string, CatalogRecord>();
      const inStore = <T extends { marketplaceId?: string }>(list: T[] | undefined) =>
        list?.find((entry) => entry.marketplaceId === client.marketplaceId) ?? list?.[0];
      for (const item of body.items ?? []) {
        const summary = inStore(item.summaries);
        const image = inStore(item.images)?.images?.[0]?.link;
        const url = productPageUrl(client.marketplaceId, item.asin);
        const record: CatalogRecord = { id: item.asin, ...(url ? { url } : {}) };
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
 *
 * @category Operations
 */
export function defineCatalogSource(source: CatalogSource): CatalogSource {
  return Object.freeze({ ...source });
}
