import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import { ValidationError } from '../../../core/errors/validation-error.js';
import type { ListProductsQuery } from '../../../core/queries.js';
import type { Product } from '../../../model/product.js';
import { eachConcurrently } from '../batches.js';
import { toEbayProduct } from '../mapper/product.js';
import { EBAY_INVENTORY_PAGE_MAX, getInventoryItemRequest, getInventoryItemsRequest } from '../requests/inventory.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayInventoryItem, EbayPage } from '../types.js';
import { fetchOffers } from './offer-lookup.js';

type Sku = EbayInventoryItem & { sku: string };

async function toProducts(rt: EbayRuntime, items: readonly Sku[], signal?: AbortSignal) {
  return eachConcurrently(items, rt.config.concurrency, async (item) =>
    toEbayProduct(item, await fetchOffers(rt, item.sku, signal), rt.mapping),
  );
}

/**
 * The seller's products, page by page: `getInventoryItems` (up to 100 a page, following eBay's
 * `next` links) and each item's offers (one getOffers call per SKU, `concurrency` at a time;
 * what they return also fills the offer index). Inventory items eBay cannot list yet (no title,
 * or no offer with a price) are left out and counted in one log line. eBay has no filter by
 * update time, so `updatedSince` is refused.
 *
 * @example
 * ```ts
 * for await (const product of listProducts(runtime, { status: 'active' })) console.log(product.id);
 * ```
 */
export async function* listProducts(
  rt: EbayRuntime,
  query: ListProductsQuery = {},
  signal?: AbortSignal,
): AsyncIterable<Product> {
  if (query.updatedSince !== undefined) {
    throw new ValidationError(
      'query of listProducts()',
      [
        {
          path: ['updatedSince'],
          message:
            "eBay's Inventory API cannot filter inventory items by update time; list them all, or follow changes through notifications.",
        },
      ],
      { platform: 'ebay', operation: 'listProducts' },
    );
  }
  const limit = Math.min(EBAY_INVENTORY_PAGE_MAX, Math.max(1, Math.trunc(query.pageSize ?? EBAY_INVENTORY_PAGE_MAX)));
  const pages = rt.client.pages<EbayPage & { inventoryItems?: Sku[] }, Sku>(
    getInventoryItemsRequest({ limit, offset: 0 }),
    (page) => page.inventoryItems,
    signal,
  );
  let skipped = 0;
  let batch: Sku[] = [];
  const flush = async function* () {
    for (const product of await toProducts(rt, batch, signal)) {
      if (product.isErr()) {
        if (product.error.reason === 'not_listable') skipped++;
        else
          throw new MarketplaceApiError(`Could not read eBay's answer: ${product.error.message}`, {
            platform: 'ebay',
            operation: 'listProducts',
          });
      } else if (!query.status || product.value.status === query.status) yield product.value;
    }
    batch = [];
  };
  for await (const item of pages) {
    if (typeof item?.sku !== 'string') continue;
    batch.push(item);
    if (batch.length >= limit) yield* flush();
  }
  yield* flush();
  if (skipped > 0)
    rt.context.logger.info(
      `ebay listProducts: ${skipped} inventory item(s) have no title or no priced offer on ${rt.marketplace.id} yet and were left out`,
      { operation: 'listProducts', skipped },
    );
}

/**
 * One product by SKU: its inventory item and offers. Rejects with `NotFoundError` when eBay
 * has no such item, or the item has no priced offer on the marketplace.
 *
 * @example
 * ```ts
 * const product = await getProduct(runtime, 'MUG-1');
 * ```
 */
export async function getProduct(rt: EbayRuntime, sku: string, signal?: AbortSignal): Promise<Product> {
  const item = await rt.client.send<EbayInventoryItem>(getInventoryItemRequest(sku), signal);
  const product = toEbayProduct({ ...item, sku }, await fetchOffers(rt, sku, signal), rt.mapping);
  if (product.isOk()) return product.value;
  if (product.error.reason === 'not_listable')
    throw new NotFoundError(`${product.error.message} It is not a product on eBay yet.`, {
      platform: 'ebay',
      operation: 'getProduct',
    });
  throw new MarketplaceApiError(`Could not read eBay's answer: ${product.error.message}`, {
    platform: 'ebay',
    operation: 'getProduct',
  });
}
