import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import type { OfferMatch } from '../../../model/offer.js';
import { SHOPIFY_SINGLE_QUERY_MAX_COST } from '../cost-planner.js';
import { OFFERS_BY_SKU_QUERY } from '../documents.js';
import { fromGid } from '../gid.js';
import { toOffer } from '../mapper.js';
import { largestPageWithin } from '../query-cost.js';
import { chunk } from '../batching.js';
import type { ShopifyRuntime } from '../runtime.js';
import { skuSearch } from '../sku-search.js';
import type { ShopifyConnection, ShopifyVariantNode } from '../types.js';

type OfferNode = ShopifyVariantNode & { product: { id: string } };

/**
 * Offers by SKU with one `productVariants(query: "sku:'A' OR ...")` search per page of SKUs;
 * the shop's currency comes in the same answer. Shopify's search matches more than the exact
 * SKU (tokens, prefixes), so only variants whose SKU is exactly one asked for are kept. A
 * variant that does not fit the canonical model (a price Shopify should not send) is an error
 * rather than a silent gap, because the caller would take it for a missing offer.
 *
 * @example
 * ```ts
 * const [match] = await offersBySku(runtime, ['MUG-1']);
 * ```
 */
export async function offersBySku(
  runtime: ShopifyRuntime,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<OfferMatch[]> {
  const wanted = new Set(skus);
  const matches: OfferMatch[] = [];
  const max = largestPageWithin(OFFERS_BY_SKU_QUERY, { query: '' }, 'first', SHOPIFY_SINGLE_QUERY_MAX_COST);
  for (const group of chunk([...wanted], max)) {
    let currency: string | undefined;
    const pages = runtime.client.paginate<
      { shop: { currencyCode: string }; productVariants: ShopifyConnection<OfferNode> },
      OfferNode
    >(
      OFFERS_BY_SKU_QUERY,
      { first: group.length, query: skuSearch(group) },
      (data) => {
        currency = data.shop.currencyCode;
        runtime.learnCurrency(currency);
        return data.productVariants;
      },
      { operation: 'getOffersBySku', ...(signal ? { signal } : {}) },
    );
    for await (const node of pages) {
      if (node.sku === null || !wanted.has(node.sku)) continue;
      const offer = toOffer(node, runtime.config.currency ?? (currency as string));
      if (offer.isErr())
        throw new MarketplaceApiError(offer.error.message, {
          platform: 'shopify',
          operation: 'getOffersBySku',
          body: { reason: offer.error.reason },
        });
      matches.push({ sku: node.sku, productId: fromGid(node.product.id), offer: offer.value });
    }
  }
  return matches;
}
