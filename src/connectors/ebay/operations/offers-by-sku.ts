import { isMarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { OfferMatch } from '../../../model/offer.js';
import { chunksOf, eachConcurrently } from '../batches.js';
import type { EbayErrorDetail } from '../errors.js';
import { ebayItemError } from '../errors.js';
import { primaryOffer, toEbayProduct } from '../mapper/product.js';
import { bulkGetInventoryItemRequest, EBAY_BULK_MAX } from '../requests/inventory.js';
import { getOfferRequest } from '../requests/offers.js';
import type { EbayRuntime } from '../runtime.js';
import type { EbayInventoryItem, EbayOffer } from '../types.js';
import { fetchOffers } from './offer-lookup.js';

type BulkGetAnswer = {
  responses?: { sku?: string; statusCode?: number; inventoryItem?: EbayInventoryItem; errors?: EbayErrorDetail[] }[];
};

/** The inventory items of SKUs that exist, 25 a `bulkGetInventoryItem` call; unknown SKUs are absent. */
async function inventoryItems(
  rt: EbayRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, EbayInventoryItem>> {
  const found = new Map<string, EbayInventoryItem>();
  await eachConcurrently(chunksOf(skus, EBAY_BULK_MAX), rt.config.concurrency, async (chunk) => {
    const body = await rt.client.send<BulkGetAnswer>(bulkGetInventoryItemRequest(chunk), signal);
    for (const response of body?.responses ?? []) {
      if (!response.sku || !chunk.includes(response.sku)) continue;
      if (response.statusCode === 200 && response.inventoryItem) {
        found.set(response.sku, response.inventoryItem);
        continue;
      }
      const error = ebayItemError(response.statusCode, response.errors ?? [], 'getOffersBySku', response.sku);
      // An unknown SKU is an answer ("no offer"), anything else a failure the caller must see.
      if (!isMarketbridgeError(error, 'not_found')) throw error;
    }
  });
  return found;
}

/**
 * The offer of a SKU on the runtime's marketplace: the remembered offer read by id
 * (`getOffer`), or, when the index has none or eBay no longer knows it under that SKU,
 * `getOffers?sku=` (which refreshes the index).
 */
async function offerOf(rt: EbayRuntime, sku: string, signal?: AbortSignal): Promise<EbayOffer | undefined> {
  const known = await rt.offers.get(sku);
  if (known) {
    try {
      const offer = await rt.client.send<EbayOffer>(getOfferRequest(known.offerId), signal);
      if (offer?.sku === sku && (offer.marketplaceId ?? rt.marketplace.id) === rt.marketplace.id) {
        await rt.offers.rememberOffers([offer]);
        return offer;
      }
    } catch (error) {
      if (!isMarketbridgeError(error, 'not_found')) throw error;
    }
    await rt.offers.forget(sku);
  }
  return primaryOffer(await fetchOffers(rt, sku, signal), rt.marketplace.id);
}

/**
 * Offers by SKU through the Sell Inventory API: `bulkGetInventoryItem` for the items (25 SKUs a
 * call; SKUs eBay does not know stop there), then one offer read per existing SKU, by offer id
 * (`getOffer`) when the offer index remembers it, else by `getOffers?sku=`. The answer follows
 * the order of `skus` (each SKU once); the product id is the SKU. A SKU without an inventory
 * item, without an offer on the marketplace, or whose offer has no price yet is absent. A
 * failed call rejects with its typed error; an answer the connector cannot read rejects with a
 * `MarketplaceApiError`.
 *
 * @example
 * ```ts
 * const [match] = await offersBySku(runtime, ['MUG-1']);
 * console.log(match?.offer.price);
 * ```
 */
export async function offersBySku(
  rt: EbayRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<OfferMatch[]> {
  const wanted = [...new Set(skus)];
  if (wanted.length === 0) return [];
  const items = await inventoryItems(rt, wanted, signal);
  const existing = wanted.filter((sku) => items.has(sku));
  // Deleting an inventory item deletes its offers: what the index remembers for it is stale.
  await Promise.all(wanted.filter((sku) => !items.has(sku)).map((sku) => rt.offers.forget(sku)));
  const offers = await eachConcurrently(existing, rt.config.concurrency, (sku) => offerOf(rt, sku, signal));
  const matches: OfferMatch[] = [];
  for (const [index, sku] of existing.entries()) {
    const offer = offers[index];
    if (!offer) continue;
    const product = toEbayProduct({ ...items.get(sku)!, sku }, [offer], rt.mapping);
    if (product.isErr()) {
      if (product.error.reason === 'not_listable') continue;
      throw new MarketplaceApiError(`Could not read eBay's answer: ${product.error.message}`, {
        platform: 'ebay',
        operation: 'getOffersBySku',
      });
    }
    const found = product.value.offers.find((candidate) => candidate.sku === sku);
    if (found) matches.push({ sku, productId: product.value.id, offer: found });
  }
  return matches;
}
