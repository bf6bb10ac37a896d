import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { OfferMatch } from '../../../model/offer.js';
import type { Product } from '../../../model/product.js';
import { isMercadoLibreErrorBody } from '../errors.js';
import { MERCADOLIBRE_MULTIGET_MAX, MERCADOLIBRE_SCAN_MAX_LIMIT } from '../requests/items.js';
import type { MercadoLibreItem } from '../types/index.js';
import { productOf } from './catalog.js';
import { chunksOf, mapWithConcurrency } from './concurrency.js';
import type { MercadoLibreRuntime } from './runtime.js';
import { fallbackItemId } from './sku-index.js';

/**
 * Items by id through multiget, 20 ids a call. An id MercadoLibre no longer has (404 in its
 * entry: deleted between the search and the read) is left out; any other failed entry rejects
 * with a `MarketplaceApiError` carrying its code.
 */
async function readItems(
  runtime: MercadoLibreRuntime,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<MercadoLibreItem[]> {
  const pages = await mapWithConcurrency(
    chunksOf([...new Set(ids)], MERCADOLIBRE_MULTIGET_MAX),
    runtime.config.concurrency,
    (chunk) => runtime.client.multigetItems(chunk, signal),
  );
  const items: MercadoLibreItem[] = [];
  for (const entry of pages.flat()) {
    if (entry.code === 200 && entry.body && 'id' in entry.body) items.push(entry.body);
    else if (entry.code !== 404) {
      const body = isMercadoLibreErrorBody(entry.body) ? entry.body : undefined;
      throw new MarketplaceApiError(
        `MercadoLibre could not read an item for getOffersBySku (${entry.code}${body?.error ? ` ${body.error}` : ''}): ${body?.message ?? 'no message'}`,
        {
          platform: 'mercadolibre',
          operation: 'getOffersBySku',
          status: entry.code,
          retryable: entry.code === 429 || entry.code >= 500,
          ...(body ? { body } : {}),
        },
      );
    }
  }
  runtime.skus.remember(items);
  return items;
}

/**
 * The ids of the seller's items with `sku`, every page of the search: 100 a call (the most
 * MercadoLibre gives), up to the 1,000 results offset paging reaches. A SKU on more items than
 * that is a catalog no lookup by SKU can serve; the search says so with a typed error rather
 * than answering with part of it.
 */
async function itemIdsWithSku(runtime: MercadoLibreRuntime, sku: string, signal?: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += MERCADOLIBRE_SCAN_MAX_LIMIT) {
    const page = await runtime.client.searchItems(
      { sellerId: runtime.config.sellerId, sellerSku: sku, limit: MERCADOLIBRE_SCAN_MAX_LIMIT, offset },
      signal,
    );
    const results = page.results ?? [];
    ids.push(...results);
    const total = page.paging?.total ?? ids.length;
    if (results.length === 0 || ids.length >= total) return ids;
    if (offset + 2 * MERCADOLIBRE_SCAN_MAX_LIMIT > SKU_SEARCH_OFFSET_LIMIT)
      throw new MarketplaceApiError(
        `MercadoLibre lists ${total} items with SKU ${JSON.stringify(sku)}; offset paging stops at ${SKU_SEARCH_OFFSET_LIMIT}`,
        { platform: 'mercadolibre', operation: 'getOffersBySku', retryable: false },
      );
  }
}

/** MercadoLibre's offset paging ends at `offset + limit = 1000`. */
const SKU_SEARCH_OFFSET_LIMIT = 1000;

/**
 * Offers by SKU on MercadoLibre: `GET /users/{seller_id}/items/search?seller_sku=` per SKU
 * (MercadoLibre matches the item's and its variations' `SELLER_SKU` attribute or
 * `seller_custom_field`), then the items found through multiget (`GET /items?ids=`, 20 ids a
 * call), so prices are read fresh. SKUs in the fallback form of listings without a seller SKU
 * (`MLA1`, `MLA1-174497701554`) are read by item id first and searched only if that item does
 * not carry them. Only offers whose SKU, as the mapper reads it, is exactly one asked for are
 * kept: one match per item that has the SKU, in the order of `skus`. Unknown SKUs are absent;
 * a failed call rejects with its typed error.
 *
 * @example
 * ```ts
 * const [match] = await offersBySku(runtime, ['MUG-1-RED']);
 * console.log(match?.productId, match?.offer.externalId); // item id, variation id
 * ```
 */
export async function offersBySku(
  runtime: MercadoLibreRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<OfferMatch[]> {
  const wanted = [...new Set(skus)];
  // Each item is mapped once; a SKU's matches are the items whose offers carry it.
  const products = new Map<string, Product>();
  const bySku = new Map<string, OfferMatch[]>();
  const learn = (items: readonly MercadoLibreItem[]) => {
    for (const item of items) {
      if (products.has(item.id)) continue;
      const product = productOf(item, 'getOffersBySku');
      products.set(item.id, product);
      const seen = new Set<string>();
      for (const offer of product.offers) {
        if (seen.has(offer.sku)) continue; // one match per item, as for a SKU several items share
        seen.add(offer.sku);
        bySku.set(offer.sku, [...(bySku.get(offer.sku) ?? []), { sku: offer.sku, productId: product.id, offer }]);
      }
    }
  };
  const direct = wanted.map(fallbackItemId).filter((id): id is string => id !== undefined);
  if (direct.length > 0) learn(await readItems(runtime, direct, signal));
  const searched = wanted.filter((sku) => !bySku.has(sku));
  const results = await mapWithConcurrency(searched, runtime.config.concurrency, (sku) =>
    itemIdsWithSku(runtime, sku, signal),
  );
  const ids = results.flat().filter((id) => typeof id === 'string' && !products.has(id));
  if (ids.length > 0) learn(await readItems(runtime, ids, signal));
  return wanted.flatMap((sku) => bySku.get(sku) ?? []);
}
